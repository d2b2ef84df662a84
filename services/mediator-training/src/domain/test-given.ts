// Givens shared by the domain's unit tests: a clock the test sets, sequential ids, and a
// mediator and course in the shape the stores hand to the domain.

import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CourseState } from './course.ts';
import type { MediatorState } from './mediator.ts';

export function contextAt(day: string, actor = 'coordinator-1'): DecisionContext {
  let counter = 0;
  return {
    now: new Date(`${day}T09:00:00.000Z`),
    newId: () => `id-${day}-${++counter}`,
    correlationId: 'corr-1',
    actor,
  };
}

const sealed = { k: 'k1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };

export function givenMediator(overrides: Partial<MediatorState> = {}): MediatorState {
  return {
    mediatorId: 'med-1',
    userId: 'user-med-1',
    person: { name: sealed, contacts: null },
    nameHash: 'hash',
    homeRegion: '750000000',
    regions: ['750000000'],
    languages: ['kk', 'ru'],
    specialisations: ['neighbourhood'],
    status: 'active',
    registeredAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function givenCourse(overrides: Partial<CourseState> = {}): CourseState {
  return {
    courseId: 'course-1',
    title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
    modules: [
      { moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 20 },
      { moduleId: 'm2', title: { kk: 'Тәжірибе', ru: 'Практика' }, hours: 20 },
    ],
    requiredHours: 32,
    passMark: 70,
    validityMonths: 36,
    status: 'open',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
