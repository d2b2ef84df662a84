// The signed-in person's corner of this browser (docs/adr/0025): one IndexedDB database per
// person (named by a hash of their subject), holding a non-extractable AES-GCM key made in this
// browser and, sealed with it, their session, their queued work and their last synced answers.
// It opens for the subject the console confirmed online, or offline for the person last signed in
// here while their sign-in was not refused; sign-out deletes it, and so does another person's sign-in.
import type { Session } from '../view-types.ts';

export type Work = {
  outbox: unknown[];
  conflicts: unknown[];
  refused: unknown[];
  formDraft: unknown;
};

type Device = { vault: string; locked: boolean };
type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };
type Open = { db: IDBDatabase; key: CryptoKey; sub: string; session: Session; confirmed: boolean };

const deviceKey = 'kelisim.device';
const prefix = 'kelisim-vault-';
/** Plain-text queues of older consoles: never read, removed on sight. */
const plainKeys = ['kelisim.outbox', 'kelisim.conflicts', 'kelisim.register-draft'];

let open: Open | null = null;
let work: Work = emptyWork();
let writes: Promise<unknown> = Promise.resolve();

function emptyWork(): Work {
  return { outbox: [], conflicts: [], refused: [], formDraft: null };
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function readDevice(): Device | null {
  try {
    const device = JSON.parse(localStorage.getItem(deviceKey) ?? 'null') as Device | null;
    return device && typeof device.vault === 'string' ? device : null;
  } catch {
    return null;
  }
}

async function vaultName(sub: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`kelisim:${sub}`));
  return (
    prefix + [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')
  );
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore('keys');
    req.result.createObjectStore('sealed');
  };
  return request(req).then((db) => {
    // Another tab signing someone else in deletes this database: let it, and stop showing anything.
    db.onversionchange = () => {
      db.close();
      if (open?.db === db) {
        forget();
        window.dispatchEvent(new CustomEvent('kelisim:signed-out'));
      }
    };
    return db;
  });
}

async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv, data };
}

async function unseal<T>(key: CryptoKey, sealed: Sealed | undefined) {
  if (!sealed) return undefined;
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

const store = (db: IDBDatabase, name: 'keys' | 'sealed', mode: IDBTransactionMode) =>
  db.transaction(name, mode).objectStore(name);

async function put(record: string, value: unknown): Promise<void> {
  const current = open;
  if (!current) return;
  const sealed = await seal(current.key, value);
  if (open !== current) return;
  await request(store(current.db, 'sealed', 'readwrite').put(sealed, record));
}

async function get<T>(current: Open | { db: IDBDatabase; key: CryptoKey }, record: string) {
  return unseal<T>(current.key, await request(store(current.db, 'sealed', 'readonly').get(record)));
}

async function deleteVaults(except: string | null): Promise<void> {
  const names = new Set<string>();
  const device = readDevice();
  if (device) names.add(device.vault);
  for (const info of (await indexedDB.databases?.()) ?? [])
    if (info.name?.startsWith(prefix)) names.add(info.name);
  names.delete(except ?? '');
  await Promise.all([...names].map((name) => request(indexedDB.deleteDatabase(name)).catch(() => undefined)));
}

function forget(): void {
  open?.db.close();
  open = null;
  work = emptyWork();
}

/** Opens the person's vault once the console has confirmed who is signed in; anyone else's goes. */
export async function openVault(session: Session): Promise<void> {
  for (const key of plainKeys) localStorage.removeItem(key);
  const name = await vaultName(session.sub);
  if (open?.sub === session.sub) {
    open.confirmed = true;
    open.session = session;
  } else {
    forget();
    await deleteVaults(name);
    const db = await openDatabase(name);
    let key = (await request(store(db, 'keys', 'readonly').get('key'))) as CryptoKey | undefined;
    if (!key) {
      key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await request(store(db, 'keys', 'readwrite').put(key, 'key'));
    }
    work = { ...emptyWork(), ...((await get<Work>({ db, key }, 'work')) ?? {}) };
    open = { db, key, sub: session.sub, session, confirmed: true };
  }
  localStorage.setItem(deviceKey, JSON.stringify({ vault: name, locked: false } satisfies Device));
  await put('session', session);
}

/** Without a connection: the session of the person last signed in here, unless it was refused since. */
export async function resumeVault(): Promise<Session | null> {
  const device = readDevice();
  if (!device || device.locked) return null;
  const names = new Set(((await indexedDB.databases?.()) ?? []).map((info) => info.name));
  if (!names.has(device.vault)) return null;
  const db = await openDatabase(device.vault);
  try {
    const key = (await request(store(db, 'keys', 'readonly').get('key'))) as CryptoKey | undefined;
    const session = key ? await get<Session>({ db, key }, 'session') : undefined;
    if (!key || !session) {
      db.close();
      return null;
    }
    work = { ...emptyWork(), ...((await get<Work>({ db, key }, 'work')) ?? {}) };
    open = { db, key, sub: session.sub, session, confirmed: false };
    return session;
  } catch {
    db.close();
    return null;
  }
}

/** The console refused the session: nothing shows until someone signs in; the same person's work waits. */
export function lockVault(): void {
  forget();
  const device = readDevice();
  if (device) localStorage.setItem(deviceKey, JSON.stringify({ ...device, locked: true }));
}

/** Sign-out: the vault, its key and the device's pointer to it are deleted. */
export async function wipeVault(): Promise<void> {
  forget();
  for (const key of plainKeys) localStorage.removeItem(key);
  await writes.catch(() => undefined);
  await deleteVaults(null);
  localStorage.removeItem(deviceKey);
}

/** Whose vault is open, and whether the console confirmed them online in this page. */
export const vaultOwner = () => (open ? { sub: open.sub, confirmed: open.confirmed } : null);
export const confirmOwner = (sub: string) => {
  if (open && open.sub === sub) open.confirmed = true;
  return open?.confirmed === true && open.sub === sub;
};

/** The queued work, read from memory; a change is sealed and written in the order it was made. */
export const currentWork = (): Work => work;
export function saveWork(change: (before: Work) => Work): void {
  if (!open) return;
  work = change(work);
  const snapshot = work;
  writes = writes.then(() => put('work', snapshot)).catch(() => undefined);
  window.dispatchEvent(new CustomEvent('kelisim:outbox'));
}

/** The last answer to a GET, sealed, for reading without a connection. */
export function remember(path: string, value: { json: unknown; etag: string | null }): void {
  if (!open) return;
  writes = writes.then(() => put(`get:${path}`, value)).catch(() => undefined);
}

export async function recall(path: string): Promise<{ json: unknown; etag: string | null } | undefined> {
  const current = open;
  if (!current) return undefined;
  return get<{ json: unknown; etag: string | null }>(current, `get:${path}`).catch(() => undefined);
}

/** Set when someone signs out without a connection: the console's session is ended once back online. */
export const signOutPending = 'kelisim.sign-out-pending';
