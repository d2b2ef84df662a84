import { expect, it } from 'vitest';
import { heapUsedMbFrom } from './platform-cost.ts';

it("reads the V8 heap from a service's /metrics page, labelled as the services label it", () => {
  const page = [
    '# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
    '# TYPE nodejs_heap_size_used_bytes gauge',
    'nodejs_heap_size_used_bytes{service="mediator-training"} 47905504',
    'nodejs_heap_size_total_bytes{service="mediator-training"} 60000000',
  ].join('\n');
  expect(heapUsedMbFrom(page)).toBeCloseTo(45.69, 2);
  expect(heapUsedMbFrom('nodejs_heap_size_used_bytes 1048576')).toBe(1);
  expect(heapUsedMbFrom('nodejs_heap_size_total_bytes 1048576')).toBeUndefined();
});
