// The service's writes, through the kit's command pipeline: a runner per aggregate, creations with
// the one meaning of Idempotency-Key, and the unique keys a write claims just before its commit
// (KeyClaims): one mediator per user, one open enrolment per mediator and course, and the
// enrolment that holds each certificate. A claim is written before the commit, so a committed
// aggregate always has its claim (see the kit's key-claims.ts).
import { type Created, type Creation, Creations } from '@kelisim/service-kit/commands/creation';
import { type Command, CommandRunner } from '@kelisim/service-kit/commands/run-command';
import type { Current } from '@kelisim/service-kit/commit-log';
import { ConflictError, NotFoundError } from '@kelisim/service-kit/errors';
import type { CourseState } from '../domain/course.ts';
import type { MediatorState } from '../domain/mediator.ts';
import type { PartnerState } from '../domain/partner.ts';
import type { EnrolmentState } from '../domain/training-state.ts';
import { openEnrolmentKey, type Stores } from './stores.ts';

function missing(what: string) {
  return () => new NotFoundError(`No ${what} with this id is visible to you.`, { code: `${what}.not_found` });
}

export class TrainingCommands {
  readonly mediators: CommandRunner<MediatorState>;
  readonly courses: CommandRunner<CourseState>;
  readonly enrolments: CommandRunner<EnrolmentState>;
  /** Commands on a certificate: they change the enrolment that holds it. */
  readonly certifications: CommandRunner<EnrolmentState>;
  readonly partners: CommandRunner<PartnerState>;
  private readonly newMediators: Creations<MediatorState>;
  private readonly newCourses: Creations<CourseState>;
  private readonly newEnrolments: Creations<EnrolmentState>;
  private readonly newPartners: Creations<PartnerState>;

  constructor(
    private readonly stores: Stores,
    relay: { wake(): void },
    newId: () => string,
  ) {
    this.mediators = new CommandRunner(stores.mediators.log, relay, { notFound: missing('mediator') });
    this.courses = new CommandRunner(stores.courses.log, relay, { notFound: missing('course') });
    this.enrolments = new CommandRunner(stores.enrolments.log, relay, { notFound: missing('enrolment') });
    this.certifications = new CommandRunner(stores.enrolments.log, relay, {
      notFound: missing('certification'),
    });
    this.partners = new CommandRunner(stores.partners.log, relay, { notFound: missing('partner') });
    this.newPartners = new Creations(stores.connection, this.partners, newId);
    this.newMediators = new Creations(stores.connection, this.mediators, newId);
    this.newCourses = new Creations(stores.connection, this.courses, newId);
    this.newEnrolments = new Creations(stores.connection, this.enrolments, newId);
  }

  registerPartner(creation: Creation<PartnerState>): Promise<Created<PartnerState>> {
    return this.newPartners.create(creation);
  }

  createCourse(creation: Creation<CourseState>): Promise<Created<CourseState>> {
    return this.newCourses.create(creation);
  }

  /** Two registrations of one user cannot both pass: the user is claimed just before the commit. */
  registerMediator(creation: Creation<MediatorState>, userId: string): Promise<Created<MediatorState>> {
    const { mediators, mediatorUsers } = this.stores;
    return this.newMediators.create({
      ...creation,
      decide: async (mediatorId) => {
        const decision = await creation.decide(mediatorId);
        const holder = await mediatorUsers.claim(
          userId,
          mediatorId,
          async (earlier) => ((await mediators.load(earlier)) ? 'holds' : 'absent'),
          creation.now,
        );
        if (holder !== null) {
          throw new ConflictError('This user is already registered as a mediator.', {
            code: 'mediator.user_already_registered',
          });
        }
        return decision;
      },
    });
  }

  /** A mediator is enrolled on a course once at a time: the pair is claimed just before the commit. */
  enrol(
    creation: Creation<EnrolmentState>,
    on: { mediatorId: string; courseId: string },
  ): Promise<Created<EnrolmentState>> {
    const { enrolments, openEnrolments } = this.stores;
    return this.newEnrolments.create({
      ...creation,
      decide: async (enrolmentId) => {
        const decision = await creation.decide(enrolmentId);
        const open = await openEnrolments.claim(
          openEnrolmentKey(on.mediatorId, on.courseId),
          enrolmentId,
          async (earlierId) => {
            const earlier = await enrolments.load(earlierId);
            if (!earlier) return 'absent';
            return earlier.status === 'enrolled' ? 'holds' : 'released';
          },
          creation.now,
        );
        if (open !== null) {
          throw new ConflictError('The mediator is already enrolled on this course.', {
            code: 'enrolment.already_enrolled',
            extensions: { enrolmentId: open },
          });
        }
        return decision;
      },
    });
  }

  /**
   * Attendance and assessment: either may complete the enrolment and certify it. The certificate's
   * claim (certification id → enrolment) is written before the commit that issues it, so that
   * every certificate is found by `_id`.
   */
  recordTraining(command: Command<EnrolmentState>): Promise<Current<EnrolmentState>> {
    const { certificates } = this.stores;
    return this.enrolments.run({
      ...command,
      beforeCommit: async (current, decision) => {
        const issued = decision.state.certification;
        if (issued && current.certification?.certificationId !== issued.certificationId) {
          await certificates.claim(issued.certificationId, current._id, async () => 'holds', command.now);
        }
      },
    });
  }
}
