// A course of the Center for Ethnomediation: titled in Kazakh and Russian, made of modules with
// hours, completed by attending the required hours and passing the assessment, and certifying for
// a number of months. Courses publish no events: enrolments carry what consumers need.

import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { UnprocessableError } from '@kelisim/service-kit/errors';

export type Titles = { kk: string; ru: string };
export type CourseModule = { moduleId: string; title: Titles; hours: number };
export type CourseStatus = 'open' | 'archived';

export type CourseDefinition = {
  title: Titles;
  modules: CourseModule[];
  /** Hours of attendance needed to complete, at most the modules' total. */
  requiredHours: number;
  /** Assessment score needed to pass, in percent. */
  passMark: number;
  validityMonths: number;
  status: CourseStatus;
};

export type CourseState = CourseDefinition & { courseId: string; createdAt: string; updatedAt: string };

function checked(definition: CourseDefinition): CourseDefinition {
  const ids = definition.modules.map((module) => module.moduleId);
  if (new Set(ids).size !== ids.length) {
    throw new UnprocessableError('course.duplicate_module', 'Each module needs an id of its own.');
  }
  const total = definition.modules.reduce((sum, module) => sum + module.hours, 0);
  if (definition.requiredHours > total) {
    throw new UnprocessableError(
      'course.required_hours_exceed_modules',
      `The required hours (${definition.requiredHours}) exceed the modules' total (${total}).`,
      { totalHours: total },
    );
  }
  return definition;
}

export function createCourse(
  courseId: string,
  definition: CourseDefinition,
  ctx: DecisionContext,
): CourseState {
  const at = ctx.now.toISOString();
  return { ...checked(definition), courseId, createdAt: at, updatedAt: at };
}

/** Enrolments keep the terms they started under, so a later edit changes no running enrolment. */
export function updateCourse(
  state: CourseState,
  patch: Partial<CourseDefinition>,
  ctx: DecisionContext,
): CourseState {
  const { courseId, createdAt, updatedAt: _, ...current } = state;
  return { ...checked({ ...current, ...patch }), courseId, createdAt, updatedAt: ctx.now.toISOString() };
}

export function totalHours(course: Pick<CourseDefinition, 'modules'>): number {
  return course.modules.reduce((sum, module) => sum + module.hours, 0);
}
