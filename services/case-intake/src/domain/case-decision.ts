// A case decision: the kit's decision over the case's state. A module of its own, so that the
// decide functions and `decide`, which dispatches to them, do not import each other.
import type { Decision as KitDecision } from '@kelisim/service-kit/commands/decision';
import type { CaseState } from './case-types.ts';

export type Decision = KitDecision<CaseState>;
