// Field work without a connection. What cannot be sent waits in localStorage and goes when the
// browser is back online: registrations with their Idempotency-Key (a resend after a lost answer
// creates nothing twice), case commands with the If-Match of the version they were made on. A
// command that meets a newer version (412) is not dropped: it moves to the conflicts, shown on
// its case page with what was entered, to be re-applied or discarded by its author.
import { call, NetworkError } from './api.ts';

const queueKey = 'kelisim.outbox';
const conflictsKey = 'kelisim.conflicts';
const formKey = 'kelisim.register-draft';

export type Queued =
  | { id: string; kind: 'register'; body: unknown; savedAt: string }
  | {
      id: string;
      kind: 'command';
      caseId: string;
      command: string;
      body: unknown;
      ifMatch: string;
      savedAt: string;
    };

function read<T>(key: string): T[] {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
  } catch {
    return [];
  }
}

function write(key: string, items: unknown[]): void {
  localStorage.setItem(key, JSON.stringify(items));
  window.dispatchEvent(new CustomEvent('kelisim:outbox'));
}

export const pending = () => read<Queued>(queueKey);
export const conflicts = () => read<Extract<Queued, { kind: 'command' }>>(conflictsKey);

export function enqueue(item: Queued): void {
  write(queueKey, [...pending().filter((other) => other.id !== item.id), item]);
}

export function discardConflict(id: string): void {
  write(
    conflictsKey,
    conflicts().filter((item) => item.id !== id),
  );
}

const remove = (id: string) =>
  write(
    queueKey,
    pending().filter((other) => other.id !== id),
  );

/** Sends what waits; keeps what still cannot be sent. Returns how many went. */
export async function flush(): Promise<number> {
  let sent = 0;
  for (const item of pending()) {
    try {
      const answer =
        item.kind === 'register'
          ? await call('case-intake', '/cases', { body: item.body, idempotencyKey: item.id })
          : await call('case-intake', `/cases/${item.caseId}/${item.command}`, {
              body: item.body,
              ifMatch: item.ifMatch,
            });
      if (answer.ok) {
        remove(item.id);
        sent += 1;
      } else if (answer.status === 412 && item.kind === 'command') {
        remove(item.id);
        write(conflictsKey, [...conflicts(), item]);
      } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 401) {
        // A refusal will not change by waiting; the form draft stays, so nothing typed is lost.
        remove(item.id);
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
