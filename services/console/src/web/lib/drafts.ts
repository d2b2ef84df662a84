// Field work without a connection: a registration that cannot be sent is kept in localStorage
// with its Idempotency-Key and sent when the browser is back online. The key makes a resend after
// a lost answer harmless: case-intake answers the first registration again.
import { call, NetworkError } from './api.ts';

const queueKey = 'kelisim.outbox';
const formKey = 'kelisim.register-draft';

export type QueuedRegistration = { id: string; body: unknown; savedAt: string };

export function pending(): QueuedRegistration[] {
  try {
    return JSON.parse(localStorage.getItem(queueKey) ?? '[]') as QueuedRegistration[];
  } catch {
    return [];
  }
}

function store(items: QueuedRegistration[]): void {
  localStorage.setItem(queueKey, JSON.stringify(items));
  window.dispatchEvent(new CustomEvent('kelisim:outbox'));
}

export function enqueue(id: string, body: unknown): void {
  store([...pending().filter((item) => item.id !== id), { id, body, savedAt: new Date().toISOString() }]);
}

/** Sends what waits; keeps what still cannot be sent. Returns how many went. */
export async function flush(): Promise<number> {
  let sent = 0;
  for (const item of pending()) {
    try {
      const answer = await call('case-intake', '/cases', { body: item.body, idempotencyKey: item.id });
      // A refusal (4xx) will not change by waiting: it is dropped from the queue but the form
      // draft stays, so nothing typed is lost.
      if (answer.ok || (answer.status >= 400 && answer.status < 500 && answer.status !== 401)) {
        store(pending().filter((other) => other.id !== item.id));
        if (answer.ok) sent += 1;
      }
    } catch (error) {
      if (error instanceof NetworkError) break;
      throw error;
    }
  }
  return sent;
}

/** The form being typed, saved as it changes, so that a closed tab loses nothing. */
export function saveFormDraft(value: unknown): void {
  localStorage.setItem(formKey, JSON.stringify(value));
}

export function loadFormDraft<T>(): T | null {
  try {
    const text = localStorage.getItem(formKey);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function clearFormDraft(): void {
  localStorage.removeItem(formKey);
}
