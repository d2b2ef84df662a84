import { describe, expect, it } from 'vitest';
import { formatDeadLetter, formatEvent, type RawMessage, redriveMessage } from './event-format.ts';

const deadLetter: RawMessage = {
  topic: 'cases.dlq',
  partition: 0,
  offset: '4',
  key: Buffer.from('case-1'),
  value: Buffer.from('{"type":"case.registered.v1"}'),
  headers: {
    traceparent: Buffer.from('00-abc'),
    'dlq-reason': Buffer.from('invalid_envelope'),
    'dlq-original-topic': Buffer.from('cases'),
    'dlq-original-partition': Buffer.from('2'),
    'dlq-original-offset': Buffer.from('17'),
  },
};

describe('dead letters', () => {
  it('go back to their original topic with their key and value, without the dlq headers', () => {
    const back = redriveMessage(deadLetter);
    expect(back.topic).toBe('cases');
    expect(back.message.key?.toString()).toBe('case-1');
    expect(back.message.value?.toString()).toBe('{"type":"case.registered.v1"}');
    expect(Object.keys(back.message.headers).sort()).toEqual(['redriven-from', 'traceparent']);
  });

  it('without the original topic cannot be redriven', () => {
    expect(() => redriveMessage({ ...deadLetter, headers: {} })).toThrow(/dlq-original-topic/);
  });

  it('are listed with their reason and origin', () => {
    expect(formatDeadLetter(deadLetter)).toContain('invalid_envelope  from cases[2]@17');
  });
});

describe('events', () => {
  it('print their type, subject and data, and say why an invalid one is invalid', () => {
    const line = formatEvent({ ...deadLetter, topic: 'cases', headers: {} });
    expect(line).toContain('cases[0]@4');
    expect(line).toContain('case.registered.v1');
    expect(line).toContain('invalid_envelope');
    expect(formatEvent({ ...deadLetter, value: Buffer.from('nope') })).toContain('not JSON');
  });
});
