import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { describe, expect, it } from 'vitest';
import { allOnKafka } from './relay-check.ts';

const withEvents = (...ids: string[]) => ({ events: ids.map((id) => ({ id }) as EventEnvelope) });

describe("the restore's relay check", () => {
  it('drops a pointer only when every event of its commit is on Kafka', () => {
    const onKafka = new Set(['e1', 'e2', 'e3']);
    expect(allOnKafka(withEvents('e1'), onKafka)).toBe(true);
    expect(allOnKafka(withEvents('e1', 'e2'), onKafka)).toBe(true);
  });

  it('leaves a commit published in part to the relay, which publishes it whole', () => {
    expect(allOnKafka(withEvents('e1', 'e9'), new Set(['e1']))).toBe(false);
  });

  it('leaves a commit without events to the relay', () => {
    expect(allOnKafka(withEvents(), new Set(['e1']))).toBe(false);
  });
});
