// Commands on an alert (read, acknowledge, resolve, a delivery, an escalation) go through the
// kit's pipeline: load, If-Match, decide, append, retry a lost race, wake the relay (DESIGN.md
// §4, §5). Raising is not a command on a stream but a creation, idempotent by the alert's id
// (AlertsStore.raise).
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import type { AlertState, Decision } from '../domain/alert.ts';
import type { AlertsStore } from './alerts-store.ts';

export type AlertRunner = CommandRunner<AlertState>;

export function alertRunner(
  alerts: AlertsStore,
  /** Wakes the relay after a commit. */
  committed: () => void,
  notFound?: (alertId: string) => Error,
): AlertRunner {
  // Many deliveries of one alert land at once (a webhook and an e-mail per member): more attempts
  // than the kit's default before a run of lost races becomes an error.
  return new CommandRunner<AlertState>(alerts.log, { wake: committed }, { maxAttempts: 10, notFound });
}

/** A domain answer of "nothing to do" (null) as a decision that changes nothing and writes nothing. */
export function orUnchanged(state: AlertState, decision: Decision | null): Decision {
  return decision ?? { state, events: [] };
}
