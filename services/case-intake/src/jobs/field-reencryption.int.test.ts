// Key rotation (issue 9): after FIELD_KEY_CURRENT moves to a new key, the re-encryption job moves
// every stored value to it, in batches; killed midway it resumes from its checkpoint, and a
// command that ran in between loses nothing. Afterwards the old key can leave the ring.

import { randomBytes } from 'node:crypto';
import { FieldCipher, type KeyRing } from '@kelisim/service-kit/field-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequests, newCase, seedQualifiedMediator } from '../routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { reencryptFields } from './field-reencryption.ts';

let service: ServiceUnderTest;
const names = ['Rotatova Aida', 'Rotatov Erlan', 'Rotatova Gulnar', 'Rotatov Nurlan', 'Rotatova Saule'];

async function dump(): Promise<string> {
  const db = service.runtime.connection.getClient().db(service.runtime.infra.dbName);
  const parts: string[] = [];
  for (const name of ['cases', 'cases_commits']) {
    parts.push(JSON.stringify(await db.collection(name).find({}).toArray()));
  }
  return parts.join('\n');
}

const keyIds = (text: string) => [...text.matchAll(/"k":"(k\d)"/g)].map((match) => match[1]);

beforeAll(async () => {
  service = await startServiceUnderTest('key-rotation');
  await seedQualifiedMediator(service);
  const requests = caseRequests(service, []);
  for (const name of names) {
    const { caseId } = await requests.register(
      newCase({
        parties: [
          { kind: 'individual', role: 'claimant', language: 'kk', name, contacts: `${name}@mail.kz` },
        ],
      }),
    );
    await requests.run(caseId, 'screen');
  }
});
afterAll(async () => service?.close());

describe('rotating the field key', () => {
  it('re-encrypts everything under the new key, resuming after a kill midway, and drops the old key', async () => {
    const k2 = randomBytes(32);
    // Rollout order: every instance first learns k2 (it must read what the job writes), and an
    // instance not yet switched keeps writing under k1 while the job runs.
    (service.keyRing.keys as Record<string, Buffer>).k2 = k2;
    const rotated: KeyRing = {
      ...service.keyRing,
      currentKeyId: 'k2',
      keys: { ...service.keyRing.keys, k2 },
    };
    const cipher = new FieldCipher(rotated);
    const before = keyIds(await dump());
    expect(new Set(before)).toEqual(new Set(['k1']));
    const options = {
      connection: service.runtime.connection,
      cipher,
      logger: service.runtime.logger,
      batchSize: 2,
    };

    // The run dies in the commits' third batch, after its writes and before its checkpoint.
    const killed = reencryptFields({
      ...options,
      afterBatch: (collection, batch) => {
        if (collection === 'cases_commits' && batch === 3) throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    const midway = keyIds(await dump());
    expect(midway).toContain('k1');
    expect(midway).toContain('k2');

    // Meanwhile an instance still writing under k1 registers a case: a new commit ahead of the
    // checkpoint, and a read-model document in a collection the run had already finished.
    const commitsBefore = await service.cases.log.commits.countDocuments();
    const late = 'Pozdnova Zhanna';
    await caseRequests(service, []).register(
      newCase({
        parties: [
          { kind: 'individual', role: 'claimant', language: 'kk', name: late, contacts: 'late@mail.kz' },
        ],
      }),
    );

    const resumed = await reencryptFields(options);
    expect(resumed.cases).toMatchObject({ scanned: 0, reencrypted: 0 }); // finished before the kill
    expect(resumed.cases_commits?.resumedAfter).not.toBeNull();
    // Resumed after two whole batches: only the rest was read again, the late commit included.
    expect(resumed.cases_commits?.scanned).toBe(commitsBefore - 4 + 1);

    // The check pass over everything finds the late case's read model: description, name, contacts.
    const check = await reencryptFields({ ...options, restart: true });
    expect(check.cases?.reencrypted).toBe(3);
    expect(check.cases_commits?.reencrypted).toBe(0);
    const again = await reencryptFields({ ...options, restart: true });
    expect(again.cases?.reencrypted).toBe(0);
    expect(again.cases_commits?.reencrypted).toBe(0);

    const after = await dump();
    expect(new Set(keyIds(after))).toEqual(new Set(['k2']));
    // Without k1 at all, every value still opens, and says what it said.
    const onlyNew = new FieldCipher({ currentKeyId: 'k2', keys: { k2 }, hashKey: service.keyRing.hashKey });
    const opened = [...after.matchAll(/\{"k":"k2","iv":"[^"]+","ct":"[^"]+","tag":"[^"]+"\}/g)].map((match) =>
      onlyNew.decrypt(JSON.parse(match[0])),
    );
    for (const name of [...names, late]) expect(opened).toContain(name);
    expect(opened).toContain(`${names[0]}@mail.kz`);
  });
});
