// `pnpm --filter @kelisim/case-intake reencrypt`: after FIELD_KEY_CURRENT names a new key (the old
// ones still in FIELD_KEYS), moves every stored value to it. Resumable: run it again after a kill
// and it continues from its checkpoint. It ends with a full second pass, which should move nothing
// (values a command copied forward during the first pass are moved there); only then may an old
// key leave FIELD_KEYS. Needs MongoDB only, not Kafka. Prints a JSON report.
import { parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, fieldCryptoConfig, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { z } from 'zod';
import { reencryptFields } from '../jobs/field-reencryption.ts';

const config = parseConfig(
  z.object({
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
    MONGO_DB: z.string().min(1),
    REENCRYPT_BATCH_SIZE: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.number().min(1).max(10_000))
      .default(200),
    ...fieldCryptoConfig,
  }),
  process.env,
);
const logger = createLogger({ service: 'case-intake-reencrypt', level: 'info' });
const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB });
try {
  const cipher = new FieldCipher(keyRingFrom(config));
  const options = { connection, cipher, logger, batchSize: config.REENCRYPT_BATCH_SIZE };
  const first = await reencryptFields(options);
  const check = await reencryptFields({ ...options, restart: true });
  const stragglers = Object.values(check).reduce((sum, entry) => sum + entry.reencrypted, 0);
  process.stdout.write(`${JSON.stringify({ keyId: cipher.currentKeyId, first, check, stragglers })}\n`);
} finally {
  await connection.close();
}
