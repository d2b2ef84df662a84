import { expect, it } from 'vitest';
import { skippedInLog } from './delivery-audit.ts';

it('counts the redeliveries the consumers logged, and survives a line cut short by kill -9', () => {
  const log = [
    '{"level":"warn","groupId":"g","redelivered":3,"msg":"consumer: redelivered events skipped (already processed)"}',
    '{"level":"warn","msg":"consumer: message dead-lettered"}',
    '{"level":"warn","groupId":"g","redelivered":2,"msg":"consumer: redelivered events skipped (already processed)"}',
    '{"level":"warn","groupId":"g","redelivered":4,"msg":"consumer: redelivered events sk',
  ].join('\n');
  expect(skippedInLog(log)).toBe(5);
});
