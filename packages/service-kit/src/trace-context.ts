// Trace context across the bus (issue 24, docs/adr/0020): a command's context is stored with its
// commit, the relay publishes the commit's events in a PRODUCER span that is its child, the W3C
// `traceparent` header carries that span to consumers, which handle each message in a CONSUMER
// span. OpenTelemetry's propagator writes and reads the headers; with tracing off (tracing.ts)
// every function here is a no-op that writes no header and records nothing.
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { tracerName } from './tracing.ts';

/** A trace context as W3C headers (`traceparent`, `tracestate`), stored with a commit. */
export type TraceCarrier = Record<string, string>;

const tracer = () => trace.getTracer(tracerName);

/** The active context as headers to store, or undefined when there is none (tracing off). */
export function currentTraceCarrier(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** Writes the active context into a message's headers (nothing when tracing is off). */
export function injectTraceHeaders(headers: IHeaders): void {
  propagation.inject(context.active(), headers);
}

const kafkaHeaderGetter: TextMapGetter<IHeaders | undefined> = {
  keys: (headers) => Object.keys(headers ?? {}),
  get: (headers, key) => {
    const value = headers?.[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

function ended<T>(span: Span, work: () => Promise<T>): Promise<T> {
  return work().then(
    (result) => {
      span.end();
      return result;
    },
    (error: unknown) => {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      span.end();
      throw error;
    },
  );
}

/** Runs `work` in a span under the active context (a request's, a message's). */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { attributes });
  return context.with(trace.setSpan(context.active(), span), () => ended(span, () => work(span)));
}

/**
 * Handles one consumed message in a CONSUMER span whose parent is the context in its headers,
 * so that the handler's spans and log lines belong to the trace of the command that caused it.
 */
export function inConsumerSpan<T>(
  topic: string,
  headers: IHeaders | undefined,
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers, kafkaHeaderGetter);
  const span = tracer().startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        ...attributes,
      },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), () => ended(span, work));
}

/** A PRODUCER span for publishing one commit's events, the child of the commit's stored context. */
export function startPublishSpan(
  topic: string,
  stored: TraceCarrier | undefined,
  attributes: Attributes,
): { span: Span; context: Context } {
  const parent = stored ? propagation.extract(ROOT_CONTEXT, stored) : ROOT_CONTEXT;
  const span = tracer().startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        ...attributes,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends publish spans together, with the batch's outcome. */
export function endSpans(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error !== undefined) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    }
    span.end();
  }
}

/**
 * Names the request's server span (the http instrumentation's) by its route, `POST /cases`, as
 * the semantic conventions ask: the http instrumentation sees the method only.
 */
export function nameRequestSpan(method: string, route: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!span || route === undefined) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

/** The W3C trace id and span id of the active span, for log lines (log.ts). */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
