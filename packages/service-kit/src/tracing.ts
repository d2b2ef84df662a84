// OpenTelemetry tracing, set up once for every service (issue 24, docs/adr/0020). On only when an
// OTLP endpoint is given: then a tracer provider exports spans in batches over OTLP/HTTP
// (protobuf), the W3C trace context propagator carries context across HTTP and Kafka, and the
// http and MongoDB driver instrumentations record requests and database commands. Off, nothing is
// started: the API's no-op tracer answers every call, and no header is written.
//
// The instrumentations patch modules as they are required, so this runs before fastify, mongoose
// or kafkajs are loaded: `tracing-register.ts` is each service's first import. Kafka is traced by
// the kit itself (trace-context.ts), not by an instrumentation: the relay publishes several
// commits in one batch, each under the trace of the command that committed it.
import { createRequire, Module } from 'node:module';
import { type Span, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { shapeOf } from './command-shape.ts';

export type TracingOptions = {
  serviceName: string;
  /** The collector's OTLP/HTTP base address (`http://127.0.0.1:4318`); none: tracing is off. */
  endpoint?: string;
  /**
   * Which instrumentations run: `http` (the requests' spans, always on: a trace starts there)
   * and `mongodb` (a span per database command). From `OTEL_NODE_ENABLED_INSTRUMENTATIONS`;
   * default `http` only: the database spans cost more than the rest of tracing together
   * (docs/adr/0020), so they are turned on to look into a slow request, not kept on.
   */
  instrumentations?: readonly Instrumented[];
};

export type Instrumented = 'http' | 'mongodb';

/** Reads `OTEL_NODE_ENABLED_INSTRUMENTATIONS` (comma separated, names as OpenTelemetry's Node packages use). */
export function instrumentationsFrom(value: string | undefined): Instrumented[] {
  const named = new Set((value ?? '').split(',').map((name) => name.trim()));
  return named.has('mongodb') ? ['http', 'mongodb'] : ['http'];
}

export type Tracing = { shutdown: () => Promise<void> };

/** The name spans of the kit are recorded under (the instrumentation scope). */
export const tracerName = '@kelisim/service-kit';

/** Starts tracing when an endpoint is given; returns undefined (and starts nothing) otherwise. */
export function startTracing({
  serviceName,
  endpoint,
  instrumentations = ['http'],
}: TracingOptions): Tracing | undefined {
  if (!endpoint) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }), {
        // A busy service makes a few spans per request: a larger queue drops none under load.
        maxQueueSize: 8192,
        maxExportBatchSize: 1024,
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  // Registers the AsyncLocalStorage context manager and the W3C tracecontext + baggage propagator.
  provider.register();
  const plain = { require: Module.prototype.require, getBuiltinModule: process.getBuiltinModule };
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not requests anyone follows; outgoing calls without a parent
        // (a Kafka client's, a JWKS fetch at start) are not worth a trace of their own.
        ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? ''),
        requireParentforOutgoingSpans: true,
      }),
      ...(instrumentations.includes('mongodb')
        ? [
            new MongoDBInstrumentation({
              requireParentSpan: true,
              // The filter's keys only (command-shape.ts): the default serializes the whole
              // command, documents included, on every command.
              dbStatementSerializer: (command: Record<string, unknown>) => {
                const name = Object.keys(command)[0] ?? '';
                return shapeOf(name, command).shape;
              },
            }),
          ]
        : []),
    ],
  });
  loadPatchedThenUnhook(plain, instrumentations);
  return { shutdown: () => provider.shutdown() };
}

/**
 * The instrumentations patch modules through a hook on every `require` of the process, which
 * resolves each id to a file before anything else. kafkajs requires its protocol modules on every
 * request, and under tsx each resolution is costly: that hook was the largest single part of
 * tracing's cost (docs/adr/0020). The patched modules are loaded here, patched, and the hook is
 * taken out: nothing else needs it.
 */
function loadPatchedThenUnhook(
  plain: { require: Module['require']; getBuiltinModule: typeof process.getBuiltinModule },
  instrumentations: readonly Instrumented[],
): void {
  const load = createRequire(import.meta.url);
  load('node:http');
  load('node:https');
  if (instrumentations.includes('mongodb')) load('mongodb');
  Module.prototype.require = plain.require;
  process.getBuiltinModule = plain.getBuiltinModule;
}

/** The span of the current context (a request's, a message's), if tracing is on and one is open. */
export function activeSpan(): Span | undefined {
  return trace.getActiveSpan();
}
