import { describe, expect, it } from 'vitest';
import { FieldCipher, generateKeyRing, type KeyRing } from './field-crypto.ts';

describe('field encryption', () => {
  const ring = generateKeyRing('k1');
  const cipher = new FieldCipher(ring);

  it('round-trips a value and never stores it in plaintext', () => {
    const stored = cipher.encrypt('Айгүл Сәрсенбаева');
    expect(JSON.stringify(stored)).not.toContain('Айгүл');
    expect(cipher.decrypt(stored)).toBe('Айгүл Сәрсенбаева');
  });

  it('uses a fresh IV each time, so equal names do not give equal ciphertexts', () => {
    expect(cipher.encrypt('Ivan').ct).not.toBe(cipher.encrypt('Ivan').ct);
  });

  it('rejects a tampered ciphertext', () => {
    const stored = cipher.encrypt('Ivan Petrov');
    const tampered = { ...stored, ct: Buffer.from('Ivan Petrox').toString('base64') };
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('after rotation, old values stay readable and are re-encrypted under the new key', () => {
    const old = cipher.encrypt('Marat');
    const rotated: KeyRing = { ...ring, currentKeyId: 'k2', keys: { ...ring.keys, k2: Buffer.alloc(32, 7) } };
    const next = new FieldCipher(rotated);
    expect(next.needsRotation(old)).toBe(true);
    const moved = next.reencrypt(old);
    expect(moved.k).toBe('k2');
    expect(next.decrypt(moved)).toBe('Marat');
  });

  it('keyed hashes match across case and spacing, and differ for different names', () => {
    expect(cipher.keyedHash('  АЙГҮЛ   Сәрсенбаева ')).toBe(cipher.keyedHash('айгүл сәрсенбаева'));
    expect(cipher.keyedHash('Marat')).not.toBe(cipher.keyedHash('Marta'));
    expect(cipher.nameHash('Айгерим Сейтқали')).toBe(cipher.nameHash('Aigerim Seitkali'));
    expect(cipher.nameHash('Айгерим Сейтқали')).not.toBe(cipher.nameHash('Айгерим Сейтқалиева'));
  });

  it('re-encrypts every old-key field inside a document, and leaves the rest as it was', () => {
    const rotated = new FieldCipher({
      ...ring,
      currentKeyId: 'k2',
      keys: { ...ring.keys, k2: Buffer.alloc(32, 9) },
    });
    const fresh = rotated.encrypt('Dana');
    const document = {
      _id: 'c-1',
      at: new Date('2026-01-01T00:00:00.000Z'),
      description: cipher.encrypt('A yard'),
      parties: [{ name: cipher.encrypt('Marat'), contacts: null, role: 'claimant' }, { name: fresh }],
    };
    const { value, reencrypted } = rotated.reencryptAll(document);
    expect(reencrypted).toBe(2);
    expect(value.parties[1]?.name).toBe(fresh);
    expect(value.at).toEqual(document.at);
    expect(value.parties[0]).toMatchObject({ contacts: null, role: 'claimant', name: { k: 'k2' } });
    expect(rotated.decrypt(value.parties[0]!.name)).toBe('Marat');
    expect(rotated.decrypt(value.description)).toBe('A yard');
    expect(rotated.reencryptAll(value)).toEqual({ value, reencrypted: 0 });
  });
});
