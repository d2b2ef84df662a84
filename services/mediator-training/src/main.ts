// Composition root: the kit's runService parses the config, connects the infrastructure, builds
// the service (service.ts), listens, starts it, and shuts it down in order on SIGTERM/SIGINT.
import { runService } from '@kelisim/service-kit/service-main';
import { serviceConfigSchema } from './config.ts';
import { buildService } from './service.ts';

await runService(serviceConfigSchema, buildService);
