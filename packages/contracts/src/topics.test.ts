import { describe, expect, it } from 'vitest';
import { deadLetterTopicName, topicName } from './topics.ts';

describe('topic names', () => {
  it('prefix the family and give each a dead-letter twin', () => {
    expect(topicName('t.run1.', 'cases')).toBe('t.run1.cases');
    expect(deadLetterTopicName('', 'alerts')).toBe('alerts.dlq');
  });
});
