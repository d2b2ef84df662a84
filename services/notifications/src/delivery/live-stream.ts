// The live stream of a group's alerts, as server-sent events. Every instance reads the `alerts`
// events for itself (the kit's broadcast consumer, a group of its own per process), so a client
// connected to any instance hears of every change to its groups' alerts, wherever it was made
// (ADR 0018). Events carry ids and codes only: a client reads the alert from its inbox by id.
import type { ServerResponse } from 'node:http';
import type { AlertEventType } from '@kelisim/contracts/events/alerts';
import { type RunningBroadcast, startBroadcastConsumer } from '@kelisim/service-kit/broadcast-consumer';
import type { EventOfType } from '@kelisim/service-kit/consumer';
import type { Logger } from '@kelisim/service-kit/log';
import type { ServiceConnections } from '@kelisim/service-kit/service-runtime';

/** The changes a member's screen shows; deliveries are the senders' business. */
export const liveEventTypes = [
  'alert.raised.v1',
  'alert.updated.v1',
  'alert.acknowledged.v1',
  'alert.escalated.v1',
  'alert.resolved.v1',
] as const satisfies readonly AlertEventType[];

type LiveEvent = EventOfType<(typeof liveEventTypes)[number]>;

/** What a client is told of a change: enough to decide whether to read the alert again. */
export type LiveAlertChange = {
  alertId: string;
  chainId: string;
  groupId: string;
  /** `raised`, `updated`, `acknowledged`, `escalated`, `resolved` (the event type's verb). */
  change: string;
  /** When it happened (the event's time). */
  at: string;
  severity?: string;
  escalationLevel?: number;
  /** The matter: the event that raised or updated the alert, and what it is about (a case id…). */
  sourceType?: string;
  sourceSubject?: string;
  /** An update whose rise in severity asks for acknowledgement again. */
  reopened?: boolean;
  resolution?: string;
  toGroupId?: string;
  toAlertId?: string;
};

/** One SSE frame for the streams of `groupIds`. */
export type LiveChange = { event: string; id: string; groupIds: string[]; data: LiveAlertChange };

const passedOn = [
  'severity',
  'sourceType',
  'sourceSubject',
  'escalationLevel',
  'reopened',
  'resolution',
  'toGroupId',
  'toAlertId',
] as const;

export function liveChangeOf(event: LiveEvent): LiveChange {
  const { alertId, chainId, groupId } = event.data;
  const fields: Record<string, unknown> = event.data;
  const data: LiveAlertChange = { alertId, chainId, groupId, change: verbOf(event.type), at: event.time };
  for (const key of passedOn) if (fields[key] !== undefined) Object.assign(data, { [key]: fields[key] });
  // An escalation concerns the parent group too: its members see the chain arrive.
  const groupIds = data.toGroupId ? [groupId, data.toGroupId] : [groupId];
  return { event: `alert.${data.change}`, id: event.id, groupIds, data };
}

const verbOf = (type: string) => type.replace(/^alert\./, '').replace(/\.v\d+$/, '');

export type LiveListener = (change: LiveChange) => void;

export class LiveFeed {
  private readonly listeners = new Map<string, Set<LiveListener>>();

  subscribe(groupIds: readonly string[], listener: LiveListener): () => void {
    for (const id of groupIds) {
      const set = this.listeners.get(id) ?? new Set();
      set.add(listener);
      this.listeners.set(id, set);
    }
    return () => {
      for (const id of groupIds) {
        const set = this.listeners.get(id);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(id);
      }
    };
  }

  publish(change: LiveChange): void {
    const reached = new Set(change.groupIds.flatMap((id) => [...(this.listeners.get(id) ?? [])]));
    for (const listener of reached) {
      try {
        listener(change);
      } catch {
        // A broken connection must not stop the others; its close handler unsubscribes it.
      }
    }
  }

  connectionCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** The live streams' broadcast consumer: every instance reads these events of `alerts` for itself (docs/asyncapi.yaml). */
export const liveFeedConsumer = {
  name: 'notifications-live',
  family: 'alerts',
  types: liveEventTypes,
} as const;

/** Feeds `feed` from the `alerts` topic, as long as the returned consumer runs. */
export function startLiveFeed(
  feed: LiveFeed,
  connections: Pick<ServiceConnections, 'kafka' | 'topicPrefix'>,
  logger: Logger,
): Promise<RunningBroadcast> {
  return startBroadcastConsumer({
    kafka: connections.kafka,
    topicPrefix: connections.topicPrefix,
    ...liveFeedConsumer,
    onEvent: (event) => feed.publish(liveChangeOf(event)),
    logger,
  });
}

/** Writes one SSE frame (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export function writeSse(raw: ServerResponse, change: Pick<LiveChange, 'event' | 'id' | 'data'>): void {
  raw.write(`event: ${change.event}\nid: ${change.id}\ndata: ${JSON.stringify(change.data)}\n\n`);
}
