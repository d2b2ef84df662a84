// What a consumer counts about itself, kept as plain numbers from the moment it is created, so
// that nothing it handles before a registry reads it is lost (kit-metrics.ts reads it on scrape).
// Labels stay bounded: event types are the catalogue's (anything else is `unknown`), outcomes a
// fixed set, partitions the topic's.
import { eventFamilyOf } from '@kelisim/contracts/events/catalogue';

export const consumerOutcomes = ['handled', 'duplicate', 'dead_lettered'] as const;
export type ConsumerOutcome = (typeof consumerOutcomes)[number];

/** The label of a message's type: a catalogue type, or `unknown` for anything else (never raw input). */
export function eventTypeLabel(type: unknown): string {
  return typeof type === 'string' && eventFamilyOf(type) ? type : 'unknown';
}

export class ConsumerMeter {
  /** Events by `type` then outcome. */
  readonly outcomes = new Map<string, Map<ConsumerOutcome, number>>();
  /** Failed attempts that were retried, by event type. */
  readonly retries = new Map<string, number>();
  /** Messages behind the partition's high watermark, by topic then partition. */
  readonly lag = new Map<string, Map<number, number>>();

  constructor(readonly groupId: string) {}

  counted(type: string, outcome: ConsumerOutcome): void {
    const byOutcome = this.outcomes.get(type) ?? new Map<ConsumerOutcome, number>();
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    this.outcomes.set(type, byOutcome);
  }

  retried(type: string): void {
    this.retries.set(type, (this.retries.get(type) ?? 0) + 1);
  }

  /**
   * The lag when `next` is the next offset to process: the batch's high watermark (the offset the
   * partition's next message will get) less `next`. Set at a batch's start too, so that a handler
   * stuck on a batch shows the batch as lag.
   */
  behind(topic: string, partition: number, highWatermark: string, next: string): void {
    const behind = Number(BigInt(highWatermark) - BigInt(next));
    const byPartition = this.lag.get(topic) ?? new Map<number, number>();
    byPartition.set(partition, Math.max(0, behind));
    this.lag.set(topic, byPartition);
  }

  /** After a rebalance: partitions this member no longer holds are no longer its lag to report. */
  assigned(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const [topic, byPartition] of this.lag) {
      const held = new Set(assignment[topic] ?? []);
      for (const partition of byPartition.keys()) if (!held.has(partition)) byPartition.delete(partition);
    }
  }
}
