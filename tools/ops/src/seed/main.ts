// `pnpm --filter @kelisim/ops seed`: seeds the running platform's demo data through the public
// APIs. Service URLs default to the dev ports; the dev key pair is <repo>/.infra/dev-keys.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayOf } from '@kelisim/contracts/calendar';
import { DevTokens } from '../dev-tokens.ts';
import { ApiClient } from './api-client.ts';
import { runSeed } from './run-seed.ts';

const env = process.env;
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const url = (name: string, port: number) => env[name] ?? `http://127.0.0.1:${port}`;
const started = Date.now();
const progress = (message: string) => process.stdout.write(`[seed] ${message}\n`);

try {
  await runSeed({
    apis: {
      cases: new ApiClient(url('CASE_INTAKE_URL', 4101)),
      training: new ApiClient(url('MEDIATOR_TRAINING_URL', 4102)),
      monitoring: new ApiClient(url('REGIONAL_MONITORING_URL', 4103)),
      notifications: new ApiClient(url('NOTIFICATIONS_URL', 4104)),
    },
    tokens: new DevTokens(env.KELISIM_DEV_KEY_DIR || join(repoRoot, '.infra/dev-keys')),
    progress,
    today: dayOf(new Date()),
  });
  progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
