import { describe, expect, it } from 'vitest';
import { createCourse, updateCourse } from './course.ts';
import { contextAt, givenCourse } from './test-given.ts';

const { courseId: _, createdAt: __, updatedAt: ___, ...definition } = givenCourse();

describe('courses', () => {
  it('a course needs no more required hours than its modules hold', () => {
    expect(() => createCourse('c', { ...definition, requiredHours: 41 }, contextAt('2025-01-01'))).toThrow(
      /exceed/,
    );
    expect(
      createCourse('c', { ...definition, requiredHours: 40 }, contextAt('2025-01-01')).requiredHours,
    ).toBe(40);
  });

  it('module ids are unique within a course', () => {
    const modules = [definition.modules[0]!, definition.modules[0]!];
    expect(() => createCourse('c', { ...definition, modules }, contextAt('2025-01-01'))).toThrow(/module/);
  });

  it('an update keeps the id and creation time', () => {
    const updated = updateCourse(givenCourse(), { passMark: 80 }, contextAt('2025-02-01'));
    expect(updated).toMatchObject({
      courseId: 'course-1',
      passMark: 80,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
  });
});
