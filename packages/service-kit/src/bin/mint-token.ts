// Mints a development token signed with the dev key pair, which is created on first use under
// KELISIM_DEV_KEY_DIR (default <repo>/.infra/dev-keys). Dev services trust it with
//   JWT_PUBLIC_KEY=<that dir>/public.pem JWT_ISSUER=kelisim-dev JWT_AUDIENCE=kelisim
// Usage:
//   pnpm --filter @kelisim/service-kit exec tsx src/bin/mint-token.ts --role mediator --region 750000000
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tokenClaimsSchema } from '@kelisim/contracts/api/token-claims';
import { loadOrCreateDevKeys, mintToken } from '../tokens.ts';

const devIssuer = 'kelisim-dev';
const devAudience = 'kelisim';

const usage = `Usage: mint-token.ts [--sub ID] [--role ROLE]... [--region KATO|KZ]... [--group ID]...
                     [--expires-in 8h] [--issuer ${devIssuer}] [--audience ${devAudience}] [--public-key]
Roles: mediator, group_member, supervisor, coordinator, admin. --public-key prints the key's path.`;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sub: { type: 'string', default: 'dev-user' },
      role: { type: 'string', multiple: true, default: [] },
      region: { type: 'string', multiple: true, default: [] },
      group: { type: 'string', multiple: true, default: [] },
      'expires-in': { type: 'string', default: '8h' },
      issuer: { type: 'string', default: devIssuer },
      audience: { type: 'string', default: devAudience },
      'public-key': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  const dir = env.KELISIM_DEV_KEY_DIR || join(repoRoot, '.infra/dev-keys');
  const keys = await loadOrCreateDevKeys(dir);
  if (keys.created) console.error(`mint-token: created a dev key pair in ${dir}`);
  if (values['public-key']) {
    console.log(keys.publicKeyPath);
    return 0;
  }
  const claims = tokenClaimsSchema.safeParse({
    sub: values.sub,
    roles: values.role,
    regions: values.region,
    groups: values.group,
  });
  if (!claims.success) {
    console.error(
      `mint-token: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    console.error(usage);
    return 2;
  }
  const token = await mintToken({
    ...claims.data,
    privateKeyPem: keys.privateKeyPem,
    kid: keys.kid,
    issuer: values.issuer,
    audience: values.audience,
    expiresIn: values['expires-in'],
  });
  console.log(token);
  return 0;
}

process.exitCode = await main(process.argv.slice(2), process.env);
