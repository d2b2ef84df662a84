// Key rotation (DESIGN.md §7, issue 9): moves every encrypted field still under an older key to
// the current one, in both places that hold them (the `cases` read model and the commits' state
// snapshots), in batches by `_id`. After each batch a checkpoint records the last `_id` done, per
// collection and target key, so a killed run resumes where it stopped; a batch half done before a
// kill is simply done again (values already under the current key are left alone).
//
// It runs beside live traffic: every write is conditional on the document being unchanged since
// it was read (the read model's version; the commit's whole state, which only erasure rewrites),
// so it never brings back a value a command or an erasure replaced. A document that changed is
// read again and retried; commands keep copying older ciphertexts forward until the run reaches
// them, which is why the job runs to the end of the collection before its checkpoint says done.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';

export type ReencryptionCheckpoint = {
  _id: string; // `<collection>:<target key id>`
  collection: string;
  keyId: string;
  after: string | null;
  scanned: number;
  reencrypted: number;
  done: boolean;
  updatedAt: Date;
};

export type ReencryptionTarget = {
  name: string;
  /** The part of a document that holds encrypted fields. */
  field: 'state' | null;
  /** The filter that proves the document is as it was read. */
  unchanged: (doc: Document) => Document;
};

/** Where case-intake keeps encrypted fields. */
export const caseIntakeTargets: ReencryptionTarget[] = [
  { name: 'cases', field: null, unchanged: (doc) => ({ _id: doc._id, version: doc.version }) },
  { name: 'cases_commits', field: 'state', unchanged: (doc) => ({ _id: doc._id, state: doc.state }) },
];

export type ReencryptionOptions = {
  connection: Connection;
  cipher: FieldCipher;
  logger: Logger;
  targets?: ReencryptionTarget[];
  batchSize?: number;
  /** Forget this key's checkpoints and pass over everything again (the straggler check). */
  restart?: boolean;
  /** Called after each batch's writes, before its checkpoint: tests interrupt a run here. */
  afterBatch?: (collection: string, batch: number) => Promise<void> | void;
};

export type ReencryptionReport = Record<
  string,
  { scanned: number; reencrypted: number; resumedAfter: string | null }
>;

const maxRetries = 5;

/** Kelisim's documents have string ids. */
type StoredDocument = Document & { _id: string };

export async function reencryptFields(options: ReencryptionOptions): Promise<ReencryptionReport> {
  const checkpoints = nativeCollection<ReencryptionCheckpoint>(
    options.connection,
    'key_rotation_checkpoints',
  );
  const keyId = options.cipher.currentKeyId;
  const batchSize = options.batchSize ?? 200;
  const report: ReencryptionReport = {};
  if (options.restart) await checkpoints.deleteMany({ keyId });
  for (const target of options.targets ?? caseIntakeTargets) {
    const id = `${target.name}:${keyId}`;
    const saved = await checkpoints.findOne({ _id: id });
    if (saved?.done) {
      report[target.name] = { scanned: 0, reencrypted: 0, resumedAfter: saved.after };
      continue;
    }
    const collection = nativeCollection<StoredDocument>(options.connection, target.name);
    let after = saved?.after ?? null;
    let scanned = saved?.scanned ?? 0;
    let reencrypted = saved?.reencrypted ?? 0;
    report[target.name] = { scanned: 0, reencrypted: 0, resumedAfter: after };
    for (let batchNumber = 1; ; batchNumber++) {
      const batch = await collection
        .find(after === null ? {} : { _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(batchSize)
        .toArray();
      if (batch.length === 0) break;
      for (const doc of batch) {
        const moved = await reencryptDocument(collection, target, options.cipher, doc);
        reencrypted += moved;
        report[target.name]!.reencrypted += moved;
      }
      scanned += batch.length;
      report[target.name]!.scanned += batch.length;
      after = String(batch.at(-1)?._id);
      await options.afterBatch?.(target.name, batchNumber);
      await saveCheckpoint(checkpoints, {
        _id: id,
        collection: target.name,
        keyId,
        after,
        scanned,
        reencrypted,
        done: false,
      });
    }
    await saveCheckpoint(checkpoints, {
      _id: id,
      collection: target.name,
      keyId,
      after,
      scanned,
      reencrypted,
      done: true,
    });
    options.logger.info(
      { collection: target.name, keyId, scanned, reencrypted },
      'key rotation: collection done',
    );
  }
  return report;
}

async function reencryptDocument(
  collection: Collection<StoredDocument>,
  target: ReencryptionTarget,
  cipher: FieldCipher,
  first: StoredDocument,
): Promise<number> {
  let doc: StoredDocument | null = first;
  for (let attempt = 0; doc && attempt < maxRetries; attempt++) {
    const part = target.field === null ? doc : doc[target.field];
    const { value, reencrypted } = cipher.reencryptAll(part);
    if (reencrypted === 0) return 0;
    const update = target.field === null ? { $set: withoutId(value) } : { $set: { [target.field]: value } };
    const result = await collection.updateOne(target.unchanged(doc) as StoredDocument, update);
    if (result.matchedCount === 1) return reencrypted;
    // Changed since it was read (a command, an erasure): read it again and redo it.
    doc = await collection.findOne({ _id: doc._id });
  }
  if (doc) throw new Error(`key rotation: document ${String(doc._id)} kept changing; run the job again`);
  return 0;
}

function withoutId(value: Document): Document {
  const { _id, ...rest } = value;
  return rest;
}

async function saveCheckpoint(
  checkpoints: Collection<ReencryptionCheckpoint>,
  checkpoint: Omit<ReencryptionCheckpoint, 'updatedAt'>,
): Promise<void> {
  await checkpoints.replaceOne(
    { _id: checkpoint._id },
    { ...checkpoint, updatedAt: new Date() },
    { upsert: true },
  );
}
