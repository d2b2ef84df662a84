// The live stream of new alerts per group, as server-sent events. The fan-out is in-process: the
// instance that raises an alert pushes it to the clients connected to that instance. With several
// instances, a client sees only alerts raised by the instance it is connected to; it should also
// poll its inbox (or reconnect with the last alert it saw) — see README, "Live stream".
import type { ServerResponse } from 'node:http';
import type { StoredAlert } from '../store/alerts-store.ts';

export type LiveListener = (alert: StoredAlert) => void;

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

  publish(alert: StoredAlert): void {
    for (const listener of this.listeners.get(alert.groupId) ?? []) {
      try {
        listener(alert);
      } catch {
        // A broken connection must not stop the others; its close handler unsubscribes it.
      }
    }
  }

  connectionCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** Writes one SSE frame (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export function writeSse(raw: ServerResponse, event: string, id: string, data: unknown): void {
  raw.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
}
