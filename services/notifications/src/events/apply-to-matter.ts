// One occurrence about a matter (an event, or a child group's escalation), applied to one group:
// the group's open alert about the matter is updated, or, when it has none, a new alert is raised
// (the next generation). Idempotent: an occurrence already applied to any of the group's alerts
// about the matter changes nothing, and an occurrence from before the matter ended raises nothing
// (a late event about a closed case); one from after it (the case reopened) raises a fresh alert.

import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { Dispatcher } from '../delivery/dispatcher.ts';
import { type Occurrence, raiseAlert, raiseInputOf, updateAlert } from '../domain/alert.ts';
import type { Group } from '../domain/groups.ts';
import { type Matter, matterKeyOf } from '../domain/matter.ts';
import type { AckDeadlines } from '../domain/severity.ts';
import { alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { AlertsStore, StoredAlert } from '../store/alerts-store.ts';

export type MatterDeps = {
  alerts: AlertsStore;
  dispatcher: Dispatcher;
  deadlines: AckDeadlines;
  committed: () => void;
};

export type Applied = {
  outcome: 'raised' | 'updated' | 'unchanged' | 'ignored';
  /** The group's alert about the matter that the occurrence reached (or was ignored by). */
  alert: StoredAlert | null;
};

/** Lost races (another instance raising or resolving the same alert) before giving up. */
const maxAttempts = 5;

export async function applyToGroup(
  group: Group,
  matter: Matter,
  occurrence: Occurrence,
  ctx: DecisionContext,
  deps: MatterDeps,
  options: { raise: boolean } = { raise: true },
): Promise<Applied> {
  const matterKey = matterKeyOf(matter);
  const runner = alertRunner(deps.alerts, deps.committed);
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const history = await deps.alerts.ofMatterForGroup(matterKey, group.id);
    const done = history.find((alert) => alert.applied.includes(occurrence.key));
    if (done) return { outcome: 'unchanged', alert: done };
    const open = history.find((alert) => alert.status !== 'resolved');
    if (open) {
      let renotify = false;
      let changed = false;
      const stored = await runner.run({
        id: open.alertId,
        now: ctx.now,
        decide: (state) => {
          const decision = updateAlert(state, occurrence, deps.deadlines, ctx);
          renotify = decision?.renotify ?? false;
          changed = decision !== null;
          return orUnchanged(state, decision);
        },
      });
      // Resolved since it was read: look again (the next generation, or ignored).
      if (!changed && stored.status === 'resolved') continue;
      if (renotify) await deps.dispatcher.renotify(stored, group);
      return { outcome: changed ? 'updated' : 'unchanged', alert: stored };
    }
    const last = history.at(-1);
    if (!options.raise) return { outcome: 'ignored', alert: last ?? null };
    if (last?.matterEndedAt && occurrence.occurredAt.getTime() <= last.matterEndedAt.getTime()) {
      return { outcome: 'ignored', alert: last };
    }
    const generation = (last?.generation ?? 0) + 1;
    const decision = raiseAlert(raiseInputOf(group, matter, generation, occurrence), deps.deadlines, ctx);
    const raised = await deps.dispatcher.raise(decision, group);
    if (raised) return { outcome: 'raised', alert: raised };
    // That generation exists (another instance raised it, or a crash left it unprojected, now
    // repaired): the next round applies the occurrence to it.
  }
  throw new Error(`${matterKey} for ${group.id}: lost ${maxAttempts} races in a row`);
}
