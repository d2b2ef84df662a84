// What regional-monitoring consumes: `cases` events feed the case signals and the statistics; a
// few of its own `monitoring` events trigger a risk recomputation; the partner directory's events
// (on `mediators`) feed the partner read model visits and recommendations are checked against. Topics, group and dead-letter
// topic are the kit's (service-consumer.ts).
import { onPartnerChanged } from '@kelisim/service-kit/partner-directory';
import { defineConsumer } from '@kelisim/service-kit/service-consumer';
import { onCaseProgressed, type ProgressEventType, progressEventTypes } from './case-progressed.ts';
import { onCaseSignal, type SignalEventType, signalKindByType } from './case-signal.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { onMonitoringChanged } from './monitoring-changed.ts';

const progress = (deps: HandlerDeps) => (event: Parameters<typeof onCaseProgressed>[1]) =>
  onCaseProgressed(deps, event);
const signal = (deps: HandlerDeps) => (event: Parameters<typeof onCaseSignal>[1]) =>
  onCaseSignal(deps, event);
const monitoringChanged = (deps: HandlerDeps) => (event: Parameters<typeof onMonitoringChanged>[1]) =>
  onMonitoringChanged(deps, event);

export const regionalMonitoringConsumer = defineConsumer<HandlerDeps>({
  service: 'regional-monitoring',
  handlers: {
    ...(Object.fromEntries(Object.keys(signalKindByType).map((type) => [type, signal])) as Record<
      SignalEventType,
      typeof signal
    >),
    ...(Object.fromEntries(progressEventTypes.map((type) => [type, progress])) as Record<
      ProgressEventType,
      typeof progress
    >),
    'visit.reviewed.v1': monitoringChanged,
    'recommendation.overdue.v1': monitoringChanged,
    'recommendation.completed.v1': monitoringChanged,
    'partner.registered.v1': ({ stores }) => onPartnerChanged(stores.partners),
    'partner.updated.v1': ({ stores }) => onPartnerChanged(stores.partners),
  },
  // A recomputation reads every signal of its region, and a case's events are keyed by case: a
  // region's events take turns, so that none reads a signal still being written and a region
  // rising through two bands in two events is published as two steps, not one jump.
  oneAtATimePer: (event) => event.region,
  // Each event waits on some ten database round trips: three partitions overlap them.
  partitionsConsumedConcurrently: 3,
});
