import { Writable } from 'node:stream';
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { context, SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { toKafkaMessage } from './relay.ts';
import { currentTraceCarrier, inConsumerSpan, inSpan, startPublishSpan } from './trace-context.ts';
import { startTracing } from './tracing.ts';

// Only the fields a Kafka message is made of; the envelope's validation is not under test here.
const event = { id: 'e-1', subject: 'case-1', type: 'case.registered.v1' } as EventEnvelope;

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'trace-test', level: 'info', destination }) };
}

// The file's two halves run in order: tracing off first, then a provider is registered globally.
describe('with tracing off', () => {
  it('starts nothing without an endpoint', () => {
    expect(startTracing({ serviceName: 'trace-test' })).toBeUndefined();
  });

  it('writes no trace header, stores no context and logs no trace id', async () => {
    const { lines, logger } = capture();
    await inSpan('command', {}, async () => {
      expect(currentTraceCarrier()).toBeUndefined();
      expect(Object.keys(toKafkaMessage(event).headers ?? {})).toEqual(['content-type']);
      logger.info('inside');
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});

describe('with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
  });

  it("carries a command's context through its commit, the publish and the consumer, each the child of the one before", async () => {
    const { lines, logger } = capture();
    const stored = await inSpan('POST /cases', {}, async () => {
      logger.info('registering');
      return currentTraceCarrier();
    });
    expect(stored?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // The relay, later and outside the request: the commit's stored context is the parent.
    const publish = startPublishSpan('kelisim.case', stored, {});
    const message = context.with(publish.context, () => toKafkaMessage(event));
    publish.span.end();
    // kafkajs hands consumers header values as Buffers.
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([key, value]) => [key, Buffer.from(String(value))]),
    );
    await inConsumerSpan('kelisim.case', headers, {}, async () => {
      logger.info('handling');
    });

    const [command, published, consumed] = exporter.getFinishedSpans();
    expect(published?.kind).toBe(SpanKind.PRODUCER);
    expect(consumed?.kind).toBe(SpanKind.CONSUMER);
    expect(published?.parentSpanContext?.spanId).toBe(command?.spanContext().spanId);
    expect(consumed?.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
    const traceId = command?.spanContext().traceId;
    expect(consumed?.spanContext().traceId).toBe(traceId);
    // Log lines join their spans.
    expect(lines[0]).toMatchObject({ trace_id: traceId, span_id: command?.spanContext().spanId });
    expect(lines[1]).toMatchObject({ trace_id: traceId, span_id: consumed?.spanContext().spanId });
  });
});
