// The service's stores on one connection: a commit log per aggregate (mediators, courses,
// enrolments, the last holding the certification each enrolment earned), the practice tally, and
// the unique keys that point at aggregates (kit KeyClaims: FerretDB answers only `_id` lookups from
// an index, so "is this user a mediator already?" must not be a query on the read model).
import { CommitLog } from '@kelisim/service-kit/commit-log';
import { KeyClaims } from '@kelisim/service-kit/key-claims';
import type { Connection } from 'mongoose';
import type { CourseState } from '../domain/course.ts';
import type { MediatorState } from '../domain/mediator.ts';
import type { PartnerState } from '../domain/partner.ts';
import type { EnrolmentState } from '../domain/training-state.ts';
import { AggregateStore } from './aggregate-store.ts';
import { PracticeStore } from './practice-store.ts';

export type Stores = {
  mediators: AggregateStore<MediatorState>;
  courses: AggregateStore<CourseState>;
  enrolments: AggregateStore<EnrolmentState>;
  /** The partner directory (docs/adr/0023). */
  partners: AggregateStore<PartnerState>;
  practice: PracticeStore;
  /** A user is one mediator: user id → mediator id. */
  mediatorUsers: KeyClaims;
  /** A mediator is enrolled on a course once at a time: `<mediatorId>:<courseId>` → enrolment id. */
  openEnrolments: KeyClaims;
  /** Which enrolment holds a certificate: certification id → enrolment id. */
  certificates: KeyClaims;
  /** For the outbox relay. */
  logs: CommitLog<object>[];
  /** The connection they share: the kit's creations keep their Idempotency-Keys on it. */
  connection: Connection;
  ensureIndexes: () => Promise<void>;
};

export function createStores(connection: Connection): Stores {
  const mediators = new AggregateStore(new CommitLog<MediatorState>(connection, 'mediators'));
  const courses = new AggregateStore(new CommitLog<CourseState>(connection, 'courses'));
  const enrolments = new AggregateStore(new CommitLog<EnrolmentState>(connection, 'enrolments'));
  const partners = new AggregateStore(new CommitLog<PartnerState>(connection, 'partners'));
  const practice = new PracticeStore(connection);
  const mediatorUsers = new KeyClaims(connection, 'mediator_user_claims');
  const openEnrolments = new KeyClaims(connection, 'open_enrolment_claims');
  const certificates = new KeyClaims(connection, 'certificate_claims');
  return {
    mediators,
    courses,
    enrolments,
    partners,
    practice,
    mediatorUsers,
    openEnrolments,
    certificates,
    logs: [mediators.log, courses.log, enrolments.log, partners.log] as CommitLog<object>[],
    connection,
    ensureIndexes: async () => {
      for (const store of [mediators, courses, enrolments, partners]) await store.log.ensureIndexes();
      // One index per list filter and lookup (DESIGN.md §8).
      await mediators.log.current.createIndex({ regions: 1, _id: 1 });
      await mediators.log.current.createIndex({ userId: 1 });
      await mediators.log.current.createIndex({ status: 1, _id: 1 });
      await enrolments.log.current.createIndex({ mediatorId: 1, _id: 1 });
      await enrolments.log.current.createIndex({ regions: 1, _id: 1 });
      await enrolments.log.current.createIndex({ mediatorUserId: 1 });
      await enrolments.log.current.createIndex({ 'certification.certificationId': 1 });
      await enrolments.log.current.createIndex({ 'certification.status': 1, 'certification.validUntil': 1 });
      await partners.log.current.createIndex({ region: 1, _id: 1 });
      await partners.log.current.createIndex({ kind: 1, _id: 1 });
      await practice.ensureIndexes();
    },
  };
}

export function openEnrolmentKey(mediatorId: string, courseId: string): string {
  return `${mediatorId}:${courseId}`;
}
