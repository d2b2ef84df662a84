// `pnpm --filter @kelisim/ops asyncapi`: writes docs/asyncapi.yaml from the contracts.
import { writeFileSync } from 'node:fs';
import { asyncApiYaml } from './asyncapi-yaml.ts';

const target = new URL('../../../../docs/asyncapi.yaml', import.meta.url);
writeFileSync(target, asyncApiYaml());
process.stdout.write(`wrote ${target.pathname}\n`);
