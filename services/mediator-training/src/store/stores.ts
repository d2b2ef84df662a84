// The service's stores on one connection: a commit log per aggregate (mediators, courses,
// enrolments, the last holding the certification each enrolment earned) and the practice tally.
import { CommitLog } from '@kelisim/service-kit/commit-log';
import type { Connection } from 'mongoose';
import type { CourseState } from '../domain/course.ts';
import type { EnrolmentState } from '../domain/enrolment.ts';
import type { MediatorState } from '../domain/mediator.ts';
import { AggregateStore } from './aggregate-store.ts';
import { PracticeStore } from './practice-store.ts';

export type Stores = {
  mediators: AggregateStore<MediatorState>;
  courses: AggregateStore<CourseState>;
  enrolments: AggregateStore<EnrolmentState>;
  practice: PracticeStore;
  /** For the outbox relay. */
  logs: CommitLog<object>[];
  ensureIndexes: () => Promise<void>;
};

export function createStores(connection: Connection): Stores {
  const mediators = new AggregateStore(new CommitLog<MediatorState>(connection, 'mediators'));
  const courses = new AggregateStore(new CommitLog<CourseState>(connection, 'courses'));
  const enrolments = new AggregateStore(new CommitLog<EnrolmentState>(connection, 'enrolments'));
  const practice = new PracticeStore(connection);
  return {
    mediators,
    courses,
    enrolments,
    practice,
    logs: [mediators.log, courses.log, enrolments.log] as CommitLog<object>[],
    ensureIndexes: async () => {
      for (const store of [mediators, courses, enrolments]) await store.log.ensureIndexes();
      // One index per list filter and lookup (DESIGN.md §8).
      await mediators.log.current.createIndex({ regions: 1, _id: 1 });
      await mediators.log.current.createIndex({ userId: 1 });
      await mediators.log.current.createIndex({ status: 1, _id: 1 });
      await enrolments.log.current.createIndex({ mediatorId: 1, _id: 1 });
      await enrolments.log.current.createIndex({ regions: 1, _id: 1 });
      await enrolments.log.current.createIndex({ mediatorUserId: 1 });
      await enrolments.log.current.createIndex({ 'certification.certificationId': 1 });
      await enrolments.log.current.createIndex({ 'certification.status': 1, 'certification.validUntil': 1 });
      await practice.ensureIndexes();
    },
  };
}
