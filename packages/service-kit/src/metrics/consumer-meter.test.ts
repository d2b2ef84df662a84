import { describe, expect, it } from 'vitest';
import { ConsumerMeter, eventTypeLabel } from './consumer-meter.ts';

describe('the consumer meter', () => {
  it('reports a batch in hand as lag until its messages are processed', () => {
    const meter = new ConsumerMeter('g');
    // Offsets 10..14 fetched, the partition's next offset 15.
    meter.behind('cases', 0, '15', '10');
    expect(meter.lag.get('cases')?.get(0)).toBe(5);
    meter.behind('cases', 0, '15', '13');
    expect(meter.lag.get('cases')?.get(0)).toBe(2);
    meter.behind('cases', 0, '15', '15');
    expect(meter.lag.get('cases')?.get(0)).toBe(0);
  });

  it('drops the lag of partitions the member no longer holds after a rebalance', () => {
    const meter = new ConsumerMeter('g');
    meter.behind('cases', 0, '5', '5');
    meter.behind('cases', 1, '9', '4');
    meter.assigned({ cases: [1] });
    expect([...(meter.lag.get('cases')?.keys() ?? [])]).toEqual([1]);
  });

  it('counts outcomes and retries by event type', () => {
    const meter = new ConsumerMeter('g');
    meter.counted('case.registered.v1', 'handled');
    meter.counted('case.registered.v1', 'handled');
    meter.counted('case.registered.v1', 'dead_lettered');
    meter.retried('case.registered.v1');
    expect(meter.outcomes.get('case.registered.v1')?.get('handled')).toBe(2);
    expect(meter.outcomes.get('case.registered.v1')?.get('dead_lettered')).toBe(1);
    expect(meter.retries.get('case.registered.v1')).toBe(1);
  });

  it('labels a type outside the catalogue `unknown`, never with what the message said', () => {
    expect(eventTypeLabel('case.registered.v1')).toBe('case.registered.v1');
    expect(eventTypeLabel('Aigerim Nurlanova')).toBe('unknown');
    expect(eventTypeLabel(42)).toBe('unknown');
    expect(eventTypeLabel(undefined)).toBe('unknown');
  });
});
