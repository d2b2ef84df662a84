// The alerts' own metrics on the service's /metrics (docs/adr/0021): what happened to alerts,
// counted from the commits this instance writes to the alerts' log (so each step is counted once,
// by the instance that made it, whoever consumes or republishes its events), how long
// acknowledgement took, and how many open alerts are past their deadline, counted on scrape.
import { type AlertSeverity, alertSeverities } from '@kelisim/contracts/reference/alert-vocabulary';
import { withinScrapeTimeout } from '@kelisim/service-kit/metrics/platform-metrics';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AlertState } from './domain/alert.ts';
import type { AckDeadlines } from './domain/severity.ts';
import type { AlertsStore } from './store/alerts-store.ts';

const minute = 60;
const steps = {
  'alert.raised.v1': 'raised',
  'alert.acknowledged.v1': 'acknowledged',
  'alert.escalated.v1': 'escalated',
  'alert.resolved.v1': 'resolved',
} as const;
type Step = (typeof steps)[keyof typeof steps];

export function registerAlertMetrics(
  registry: Registry,
  deps: { alerts: AlertsStore; deadlines: AckDeadlines; clock: () => Date },
): void {
  const registers = [registry];
  const counters = Object.fromEntries(
    Object.values(steps).map((step) => [
      step,
      new Counter({
        name: `kelisim_alerts_${step}_total`,
        help: `Alerts ${step}, by severity`,
        labelNames: ['severity'] as const,
        registers,
      }),
    ]),
  ) as Record<Step, Counter<'severity'>>;
  const timeToAcknowledge = new Histogram({
    name: 'kelisim_alert_time_to_acknowledge_seconds',
    help: 'Time from an alert asking for acknowledgement (raised, or reopened by a rise) to its acknowledgement, by severity',
    labelNames: ['severity'] as const,
    buckets: [
      1,
      10,
      30,
      minute,
      5 * minute,
      15 * minute,
      30 * minute,
      60 * minute,
      4 * 60 * minute,
      24 * 60 * minute,
    ],
    registers,
  });
  for (const severity of alertSeverities.values) {
    for (const counter of Object.values(counters)) counter.inc({ severity }, 0);
  }
  new Gauge({
    name: 'kelisim_alerts_unacknowledged_overdue',
    help: 'Open alerts not acknowledged by their deadline, by severity',
    labelNames: ['severity'] as const,
    registers,
    async collect() {
      const counts = await withinScrapeTimeout(deps.alerts.overdueBySeverity(deps.clock()));
      if (!counts) return;
      for (const severity of alertSeverities.values) this.set({ severity }, counts.get(severity) ?? 0);
    },
  });

  deps.alerts.log.onCommitted((commit) => {
    const state: AlertState = commit.state;
    for (const event of commit.events) {
      const step = steps[event.type as keyof typeof steps];
      if (!step) continue;
      // The severity the step happened at: an escalation's event says it, the others the state's.
      const severity =
        step === 'escalated' ? (event.data as { severity: AlertSeverity }).severity : state.severity;
      counters[step].inc({ severity });
      if (step === 'acknowledged' && state.acknowledgedAt) {
        // The deadline runs from when acknowledgement was asked: raised, or reopened by a rise.
        const askedAt = state.acknowledgeBy.getTime() - deps.deadlines[state.severity];
        timeToAcknowledge.observe({ severity }, Math.max(0, state.acknowledgedAt.getTime() - askedAt) / 1000);
      }
    }
  });
}
