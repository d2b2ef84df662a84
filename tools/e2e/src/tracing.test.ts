// Issue 24: one registration is one trace across the services. The four services run as processes
// with tracing on, sending to Jaeger; a critical case is registered through the API (its district
// group takes alerts by webhook), and the trace is read back through Jaeger's query API: case-
// intake's request, the relay's publish, notifications' consumption, the alert and its delivery,
// each the child of the one before.
import { stdout } from 'node:process';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { serviceNames } from '@kelisim/launcher/service-process';
import {
  type JaegerSpan,
  type JaegerTrace,
  jaegerStartTimeoutMs,
  startJaeger,
  type TestJaeger,
} from '@kelisim/service-kit/testing/jaeger';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api-client.ts';
import { admin, groupOf, memberOf, registerCase } from './platform-actors.ts';
import { Platform } from './platform-harness.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

const region = '750000000';
const district = districtsOf(region)[0]?.kato ?? '';
const startupTimeout = 240_000;

function serviceOf(trace: JaegerTrace, span: JaegerSpan): string {
  return trace.processes[span.processID]?.serviceName ?? '?';
}

function parentOf(span: JaegerSpan): string | undefined {
  return span.references.find((reference) => reference.refType === 'CHILD_OF')?.spanID;
}

/** The span's ancestors in the trace, nearest first, as "service: operation". */
function ancestry(trace: JaegerTrace, span: JaegerSpan): string[] {
  const byId = new Map(trace.spans.map((each) => [each.spanID, each]));
  const names: string[] = [];
  for (let at = byId.get(parentOf(span) ?? ''); at; at = byId.get(parentOf(at) ?? '')) {
    names.push(`${serviceOf(trace, at)}: ${at.operationName}`);
  }
  return names;
}

describe('tracing across the services (issue 24)', () => {
  let jaeger: TestJaeger;
  let platform: Platform;
  let api: ApiClient;
  let webhook: WebhookReceiver;

  beforeAll(async () => {
    jaeger = await startJaeger();
    const traced = { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint };
    platform = await Platform.start({
      env: Object.fromEntries(serviceNames.map((name) => [name, traced])),
    });
    api = new ApiClient(platform);
    webhook = await WebhookReceiver.start();
  }, startupTimeout + jaegerStartTimeoutMs);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(platform?.output() ?? 'no platform');
  });

  afterAll(async () => {
    await platform?.stop();
    await webhook?.stop();
  });

  it('a critical registration is one trace: the request, the publish, the consumption, the alert and its webhook delivery, each under the one before', async () => {
    await api.ok('notifications', admin, 'POST', '/groups/seed', { districts: [district] });
    const path = `/groups/${groupOf(district)}`;
    const group = await api.call('notifications', admin, 'GET', path);
    const member = { userId: memberOf(groupOf(district), region).sub, language: 'kk' };
    const updated = await api.call(
      'notifications',
      admin,
      'PUT',
      path,
      {
        names: group.json.names,
        members: [{ ...member, webhook: { url: webhook.url, secret: webhook.secret } }],
      },
      { 'if-match': group.etag ?? '' },
    );
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);

    const since = Date.now();
    await registerCase(api, { region, district }, 'critical');
    await waitFor(() => {
      if (webhook.received.length === 0) throw new Error('no webhook yet');
    });

    // Spans reach Jaeger in batches, each service's about a second after they end.
    const trace = await waitFor(
      async () => {
        const [request] = await jaeger.traces({
          service: 'case-intake',
          operation: 'POST /cases',
          sinceMs: since,
        });
        if (!request) throw new Error('no trace of the registration yet');
        const whole = await jaeger.trace(request.traceID);
        if (!whole?.spans.some((span) => span.operationName === 'deliver webhook')) {
          throw new Error('the delivery is not in the trace yet');
        }
        // Each service exports on its own schedule: a consumer's span can arrive before the
        // publish it is the child of, which then is not missing but late.
        const ids = new Set(whole.spans.map((span) => span.spanID));
        const early = whole.spans.find(
          (span) => parentOf(span) !== undefined && !ids.has(parentOf(span) ?? ''),
        );
        if (early) {
          const name = `${serviceOf(whole, early)} ${early.operationName}`;
          throw new Error(`the parent of ${name} is not in the trace yet`);
        }
        return whole;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const byId = new Map(trace.spans.map((span) => [span.spanID, span]));
    const request = trace.spans.find((span) => span.operationName === 'POST /cases');
    if (!request) throw new Error('no request span');
    expect(serviceOf(trace, request)).toBe('case-intake');
    expect(parentOf(request)).toBeUndefined();
    // Every other span's parent is in the trace: no link is broken on the way.
    for (const span of trace.spans) {
      if (span === request) continue;
      expect(byId.has(parentOf(span) ?? ''), `${serviceOf(trace, span)} ${span.operationName}`).toBe(true);
    }
    // From the delivery up: the alert, notifications' consumption of the case event, case-intake's
    // publish of it, the request.
    const delivery = trace.spans.find((span) => span.operationName === 'deliver webhook');
    if (!delivery) throw new Error('no delivery span');
    expect(serviceOf(trace, delivery)).toBe('notifications');
    expect(delivery.tags).toContainEqual({ key: 'kelisim.delivery.ok', type: 'bool', value: true });
    expect(ancestry(trace, delivery)).toEqual([
      'notifications: raise alerts',
      expect.stringMatching(/^notifications: process \S+\.cases$/),
      expect.stringMatching(/^case-intake: publish \S+\.cases$/),
      'case-intake: POST /cases',
    ]);
    // What the report shows of one registration: each span, its service and duration.
    stdout.write(
      `${trace.spans
        .sort((a, b) => a.startTime - b.startTime)
        .map(
          (span) =>
            `${String(((span.startTime - request.startTime) / 1000).toFixed(1)).padStart(7)} ms ` +
            `${String((span.duration / 1000).toFixed(1)).padStart(7)} ms  ${serviceOf(trace, span).padEnd(20)} ${span.operationName}`,
        )
        .join('\n')}\n`,
    );
  }, 120_000);
});
