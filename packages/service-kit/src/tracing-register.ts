// The first import of every service's main.ts: starts tracing (tracing.ts) before fastify,
// mongoose or kafkajs are loaded, which the instrumentations must patch as they are required. It
// reads its variables itself, the one exception to "config is parsed in main.ts": main.ts's
// config parse comes after those modules are loaded. Shut down last, after the service stopped.
import { env } from 'node:process';
import { instrumentationsFrom, startTracing } from './tracing.ts';

export const tracing = startTracing({
  serviceName: env.OTEL_SERVICE_NAME || env.SERVICE_NAME || 'kelisim',
  endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
  instrumentations: instrumentationsFrom(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS),
});
