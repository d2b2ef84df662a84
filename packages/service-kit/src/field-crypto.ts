// Personal fields encrypted at rest (DESIGN.md §7): AES-256-GCM with a random 96-bit IV per
// value, the key id kept with the ciphertext so that keys rotate (new writes use the current key,
// old values stay readable until a re-encryption job moves them). Lookups never decrypt: they
// compare keyed hashes (HMAC-SHA256 with a key of its own) of normalised values.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { nameKey } from './name-key.ts';

/** How an encrypted value is stored: every part base64 except the key id. */
export type EncryptedField = { k: string; iv: string; ct: string; tag: string };

export const encryptedFieldSchema = z.object({
  k: z.string(),
  iv: z.string(),
  ct: z.string(),
  tag: z.string(),
});

/** Exactly the shape `encrypt` writes: four strings and nothing else. */
export function isEncryptedField(value: object): value is EncryptedField {
  const keys = Object.keys(value);
  return (
    keys.length === 4 &&
    ['k', 'iv', 'ct', 'tag'].every((key) => typeof (value as Record<string, unknown>)[key] === 'string')
  );
}

export type KeyRing = { currentKeyId: string; keys: Readonly<Record<string, Buffer>>; hashKey: Buffer };

const keyBytes = 32;

/** `FIELD_KEYS=k1:<base64 32 bytes>,k2:<...>`, `FIELD_KEY_CURRENT=k2`, `HASH_KEY=<base64>`. */
export const fieldCryptoConfig = {
  FIELD_KEYS: z
    .string()
    .min(1, 'must list at least one key as id:base64')
    .transform((value, ctx) => {
      const keys: Record<string, Buffer> = {};
      for (const entry of value.split(',')) {
        const [id, material] = entry.split(':');
        const key = Buffer.from(material ?? '', 'base64');
        if (!id || key.length !== keyBytes) {
          ctx.addIssue({ code: 'custom', message: `each key must be id:<base64 of ${keyBytes} bytes>` });
          return z.NEVER;
        }
        keys[id] = key;
      }
      return keys;
    }),
  FIELD_KEY_CURRENT: z.string().min(1),
  HASH_KEY: z
    .string()
    .transform((value) => Buffer.from(value, 'base64'))
    .refine((key) => key.length >= keyBytes, `must be base64 of at least ${keyBytes} bytes`),
};

export function keyRingFrom(config: {
  FIELD_KEYS: Record<string, Buffer>;
  FIELD_KEY_CURRENT: string;
  HASH_KEY: Buffer;
}): KeyRing {
  if (!config.FIELD_KEYS[config.FIELD_KEY_CURRENT]) {
    throw new Error(`FIELD_KEY_CURRENT names ${config.FIELD_KEY_CURRENT}, which FIELD_KEYS does not hold`);
  }
  return { currentKeyId: config.FIELD_KEY_CURRENT, keys: config.FIELD_KEYS, hashKey: config.HASH_KEY };
}

/** A fresh key ring for tests and development: one key, random material. */
export function generateKeyRing(keyId = 'k1'): KeyRing {
  return { currentKeyId: keyId, keys: { [keyId]: randomBytes(keyBytes) }, hashKey: randomBytes(keyBytes) };
}

export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  encrypt(plain: string): EncryptedField {
    const key = this.ring.keys[this.ring.currentKeyId]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      k: this.ring.currentKeyId,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  decrypt(field: EncryptedField): string {
    const key = this.ring.keys[field.k];
    if (!key) throw new Error(`no key ${field.k} in the key ring`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(field.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** True when the value was written under an older key: the re-encryption job's test. */
  needsRotation(field: EncryptedField): boolean {
    return field.k !== this.ring.currentKeyId;
  }

  reencrypt(field: EncryptedField): EncryptedField {
    return this.needsRotation(field) ? this.encrypt(this.decrypt(field)) : field;
  }

  /**
   * Re-encrypts under the current key every encrypted field found anywhere inside a value (a whole
   * stored document), leaving the rest untouched: what a re-encryption job applies to each
   * document. `reencrypted` counts the fields moved; 0 means the value is returned as it was.
   */
  reencryptAll<T>(value: T): { value: T; reencrypted: number } {
    let reencrypted = 0;
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (node === null || typeof node !== 'object' || node instanceof Date) return node;
      if (isEncryptedField(node)) {
        if (!this.needsRotation(node)) return node;
        reencrypted += 1;
        return this.reencrypt(node);
      }
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    };
    const walked = walk(value) as T;
    return { value: reencrypted === 0 ? value : walked, reencrypted };
  }

  /**
   * A keyed hash for equality lookups (duplicate detection, search by name) without
   * decrypting: case, surrounding and repeated spaces and Unicode composition do not matter.
   */
  keyedHash(value: string): string {
    const normalised = value.normalize('NFKC').toLocaleLowerCase('kk').replace(/\s+/g, ' ').trim();
    return createHmac('sha256', this.ring.hashKey).update(normalised).digest('base64url');
  }

  /**
   * The keyed hash of a person's name by its comparison key (name-key.ts): the same person in
   * another word order, script or romanisation gets the same hash.
   */
  nameHash(name: string): string {
    return this.keyedHash(nameKey(name));
  }
}
