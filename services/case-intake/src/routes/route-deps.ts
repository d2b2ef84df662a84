// What every route module gets from buildApp: the stores it reads, the command pipeline it writes
// through, and the clock and ids of a request. Its own module, so that app.ts imports the routes
// and the routes import nothing back.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import type { MediatorNames } from '../directory/mediator-names.ts';
import type { CaseAuditTrail } from '../store/case-audit.ts';
import type { CaseRunner } from '../store/case-command-runner.ts';
import type { CaseRegistrations } from '../store/case-registration.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export type RouteDeps = {
  cases: CaseStore;
  audit: CaseAuditTrail;
  mediators: MediatorReadModel;
  /** Mediators' names for the printed documents, from mediator-training. */
  mediatorNames: MediatorNames;
  partners: PartnerReadModel;
  cipher: FieldCipher;
  /** Commands on an existing case. */
  runner: CaseRunner;
  registrations: CaseRegistrations;
  clock: () => Date;
  newId: () => string;
};
