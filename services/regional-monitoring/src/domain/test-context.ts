// Deterministic event contexts for the domain's unit tests.
import type { EventContext } from './event-context.ts';

export function fixedContext(iso = '2026-05-10T08:00:00.000Z'): EventContext {
  let next = 0;
  return {
    now: new Date(iso),
    newId: () => `00000000-0000-7000-8000-${String(++next).padStart(12, '0')}`,
    correlationId: 'test-correlation',
  };
}
