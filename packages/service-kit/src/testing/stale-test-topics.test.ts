import { describe, expect, it } from 'vitest';
import { testTopicCreatedAt } from './stale-test-topics.ts';

describe('a test topic', () => {
  it('tells when its run began, from the prefix test files give their topics', () => {
    const at = Date.UTC(2026, 11, 7, 9, 30);
    const topic = `t.case_intake_registration_${at.toString(36)}a1b2c3.cases`;
    expect(testTopicCreatedAt(topic)?.getTime()).toBe(at);
  });

  it('is never confused with a topic of the platform or of a developer', () => {
    expect(testTopicCreatedAt('cases')).toBeNull();
    expect(testTopicCreatedAt('cases.dlq')).toBeNull();
    expect(testTopicCreatedAt('bench.cases')).toBeNull();
    expect(testTopicCreatedAt('t.cases')).toBeNull();
  });
});
