// Commands on an alert (read, acknowledge, resolve, a delivery, an escalation) go through the
// kit's pipeline: load, If-Match, decide, append, retry a lost race, wake the relay (DESIGN.md
// §4, §5). Raising is not a command on a stream but a creation, idempotent by the alert's id
// (AlertsStore.raise).
import { type Command, CommandRunner } from '@kelisim/service-kit/commands/run-command';
import type { Current } from '@kelisim/service-kit/commit-log';
import { type AlertState, type Decision, upgradeAlert } from '../domain/alert.ts';
import type { AlertsStore } from './alerts-store.ts';

/** The kit's runner, deciding on alerts stored before they followed matters as upgraded ones. */
export class AlertRunner extends CommandRunner<AlertState> {
  override run(command: Command<AlertState>): Promise<Current<AlertState>> {
    return super.run({
      ...command,
      decide: (state, current) => command.decide(upgradeAlert(state), current),
    });
  }
}

export function alertRunner(
  alerts: AlertsStore,
  /** Wakes the relay after a commit. */
  committed: () => void,
  notFound?: (alertId: string) => Error,
): AlertRunner {
  // Many deliveries of one alert land at once (a webhook and an e-mail per member): more attempts
  // than the kit's default before a run of lost races becomes an error.
  return new AlertRunner(alerts.log, { wake: committed }, { maxAttempts: 10, notFound });
}

/** A domain answer of "nothing to do" (null) as a decision that changes nothing and writes nothing. */
export function orUnchanged(state: AlertState, decision: Decision | null): Decision {
  return decision ?? { state, events: [] };
}
