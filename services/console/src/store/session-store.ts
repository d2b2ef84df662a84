// The console's server-side sessions and its sign-ins under way, in its own database. The browser
// holds only a random id; the database holds its SHA-256, so that reading the collection does not
// give anyone a usable cookie, and the session's tokens sealed (AES-256-GCM) under a key derived
// from that id (HKDF), so that it gives no usable token either: only a request carrying the cookie
// can open them. Every query is by `_id` (answered by the index on every backend); expired
// documents are dropped by TTL indexes where the backend has them and are refused on read
// everywhere.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { PendingSignIn } from '../sign-in/openid-connect-provider.ts';
import type { SessionTokens } from '../sign-in/session-tokens.ts';

export type StoredSession = {
  sub: string;
  tokens: SessionTokens;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end (SESSION_HOURS after sign-in). */
  expiresAt: Date;
};

export type StoredSignIn = PendingSignIn & { returnTo: string; expiresAt: Date };

type Sealed = { iv: string; ct: string; tag: string };
type SessionDocument = Omit<StoredSession, 'tokens'> & { _id: string; tokens: Sealed };
type SignInDocument = StoredSignIn & { _id: string };

/** A new unguessable id for a cookie (256 bits). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

function sealingKey(id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', id, '', 'kelisim console session tokens', 32));
}

function seal(id: string, tokens: SessionTokens): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(id), iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function open(id: string, sealed: Sealed): SessionTokens {
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(id), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  const tokens = JSON.parse(plain.toString('utf8')) as SessionTokens & { accessExpiresAt: string };
  return { ...tokens, accessExpiresAt: new Date(tokens.accessExpiresAt) };
}

function sessionOf(id: string, document: SessionDocument): StoredSession {
  const { _id, tokens, ...rest } = document;
  return { ...rest, tokens: open(id, tokens) };
}

export class SessionStore {
  private readonly sessions: Collection<SessionDocument>;
  private readonly signIns: Collection<SignInDocument>;

  constructor(private readonly db: Db) {
    this.sessions = db.collection<SessionDocument>('sessions');
    this.signIns = db.collection<SignInDocument>('sign_ins');
  }

  async ensureIndexes(): Promise<void> {
    for (const name of [this.sessions.collectionName, this.signIns.collectionName]) {
      try {
        await this.db
          .collection(name)
          .createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires' });
      } catch {
        // A backend without TTL indexes: expired documents are refused on read all the same.
      }
    }
  }

  async createSession(id: string, session: StoredSession): Promise<void> {
    await this.sessions.insertOne({ _id: keyOf(id), ...session, tokens: seal(id, session.tokens) });
  }

  async findSession(id: string): Promise<StoredSession | null> {
    const found = await this.sessions.findOne({ _id: keyOf(id) });
    return found ? sessionOf(id, found) : null;
  }

  async updateSession(
    id: string,
    change: Partial<Pick<StoredSession, 'tokens' | 'lastSeenAt'>>,
  ): Promise<void> {
    const { tokens, ...rest } = change;
    await this.sessions.updateOne(
      { _id: keyOf(id) },
      { $set: { ...rest, ...(tokens ? { tokens: seal(id, tokens) } : {}) } },
    );
  }

  /** Ends a session; returns what it held (to end the provider's session too), or null. */
  async deleteSession(id: string): Promise<StoredSession | null> {
    const found = await this.sessions.findOneAndDelete({ _id: keyOf(id) });
    return found ? sessionOf(id, found) : null;
  }

  async createSignIn(id: string, signIn: StoredSignIn): Promise<void> {
    await this.signIns.insertOne({ _id: keyOf(id), ...signIn });
  }

  /** A sign-in is finished at most once: reading it removes it. */
  async takeSignIn(id: string): Promise<StoredSignIn | null> {
    const found = await this.signIns.findOneAndDelete({ _id: keyOf(id) });
    if (!found) return null;
    const { _id, ...signIn } = found;
    return signIn;
  }
}
