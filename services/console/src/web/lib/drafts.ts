// Field work without a connection. What cannot be sent waits, sealed in the signed-in person's vault
// (lib/vault.ts), and goes when the browser is back online and the console confirms the same person
// is signed in: registrations with their Idempotency-Key (a resend after a lost answer creates
// nothing twice), case commands with the If-Match of the version they were made on, alert
// acknowledgements. A command that meets a newer version (412) moves to the conflicts, shown on its
// case page to be re-applied or discarded; anything else refused stays listed with the problem, in
// the person's language, until they fix or discard it. Nothing is dropped silently.
import { call, NetworkError, type Problem } from './api.ts';
import { confirmOwner, currentWork, saveWork, vaultOwner } from './vault.ts';

export type Queued =
  | { id: string; kind: 'register'; body: unknown; form?: unknown; savedAt: string }
  | {
      id: string;
      kind: 'command';
      caseId: string;
      command: string;
      body: unknown;
      ifMatch: string;
      savedAt: string;
    }
  | { id: string; kind: 'acknowledge'; alertId: string; body: unknown; savedAt: string };

export type Refused = Queued & { problem: Problem; refusedAt: string };

export const pending = () => currentWork().outbox as Queued[];
export const conflicts = () => currentWork().conflicts as Extract<Queued, { kind: 'command' }>[];
export const refused = () => currentWork().refused as Refused[];

export function enqueue(item: Queued): void {
  saveWork((work) => ({ ...work, outbox: [...pending().filter((other) => other.id !== item.id), item] }));
}

export function discardConflict(id: string): void {
  saveWork((work) => ({ ...work, conflicts: conflicts().filter((item) => item.id !== id) }));
}

export function discardRefused(id: string): void {
  saveWork((work) => ({ ...work, refused: refused().filter((item) => item.id !== id) }));
}

const remove = (id: string) =>
  saveWork((work) => ({ ...work, outbox: pending().filter((other) => other.id !== id) }));

function send(item: Queued) {
  switch (item.kind) {
    case 'register':
      return call('case-intake', '/cases', { body: item.body, idempotencyKey: item.id });
    case 'command':
      return call('case-intake', `/cases/${item.caseId}/${item.command}`, {
        body: item.body,
        ifMatch: item.ifMatch,
      });
    case 'acknowledge':
      return call('notifications', `/alerts/${item.alertId}/acknowledge`, { body: item.body });
  }
}

/** Whether the console signs the vault's owner in right now: work is only ever sent as its author. */
async function ownerSignedIn(): Promise<boolean> {
  const owner = vaultOwner();
  if (!owner) return false;
  if (owner.confirmed) return true;
  const answer = await call<{ sub?: string }>(null, '/session');
  return answer.ok && typeof answer.json.sub === 'string' && confirmOwner(answer.json.sub);
}

/** Sends what waits; keeps what still cannot be sent. Returns how many went. */
export async function flush(): Promise<number> {
  let sent = 0;
  if (pending().length === 0) return sent;
  try {
    if (!(await ownerSignedIn())) return sent;
    for (const item of pending()) {
      const answer = await send(item);
      if (answer.ok) {
        remove(item.id);
        sent += 1;
      } else if (answer.status === 401) break;
      else if (answer.status === 412 && item.kind === 'command') {
        remove(item.id);
        saveWork((work) => ({ ...work, conflicts: [...conflicts(), item] }));
      } else if (answer.status >= 400 && answer.status < 500) {
        // A refusal will not change by waiting: it is kept, with why, for its author to fix or discard.
        remove(item.id);
        const problem = answer.json as Problem;
        saveWork((work) => ({
          ...work,
          refused: [...refused(), { ...item, problem, refusedAt: new Date().toISOString() }],
        }));
      }
    }
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
  }
  return sent;
}

/** The form being typed, kept as it changes, so that a closed tab loses nothing. */
export function saveFormDraft(value: unknown): void {
  saveWork((work) => ({ ...work, formDraft: value }));
}

export function loadFormDraft<T>(): T | null {
  return (currentWork().formDraft as T | null) ?? null;
}

export function clearFormDraft(): void {
  saveWork((work) => ({ ...work, formDraft: null }));
}

/** A refused registration goes back into the form, to be corrected and sent again. */
export function reopenRefused(id: string): void {
  const item = refused().find((other) => other.id === id);
  if (item?.kind === 'register' && item.form) saveFormDraft(item.form);
  discardRefused(id);
  window.dispatchEvent(new CustomEvent('kelisim:draft-restored'));
}
