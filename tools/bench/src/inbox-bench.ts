// End to end as a group sees it (issue 11): critical cases registered through case-intake's API
// at a fixed rate, timed until the alert is pushed to the district group's live inbox
// (notifications' server-sent events), with the four services as separate processes. The latency
// covers case-intake's commit and relay, Kafka, notifications' consumer, rule, alert commit and
// push. Matched by case id: the alert names its case as `sourceSubject`.
import { admin, districtOf, workloadRegions } from '@kelisim/fault-run/workload';
import type { TestAuth } from '@kelisim/service-kit/testing/tokens';
import { Arrivals, type Fire, pacedRun, warmUp } from './paced.ts';
import type { Platform } from './platform-cost.ts';
import type { Run } from './report.ts';

/** Reads `alert.raised` events off a server-sent event stream until aborted. */
async function readAlerts(response: Response, onAlert: (alert: { sourceSubject: string }) => void) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (block.includes('event: alert.raised') && data) onAlert(JSON.parse(data.slice(6)));
      end = buffer.indexOf('\n\n');
    }
  }
}

export async function registrationToInbox(
  { auth, services }: Platform,
  { rate, durationSeconds }: { rate: number; durationSeconds: number },
): Promise<Run> {
  const region = workloadRegions[0] as string;
  const district = districtOf(region);
  const headers = async (claims: Parameters<TestAuth['headers']>[0]) => ({
    ...(await auth.headers(claims)),
    'content-type': 'application/json',
  });
  const seeded = await fetch(`${services.url('notifications')}/groups/seed`, {
    method: 'POST',
    headers: await headers(admin),
    body: JSON.stringify({ districts: [district] }),
  });
  if (seeded.status >= 300) throw new Error(`seeding groups answered ${seeded.status}`);
  const groupId = `grp-${district}`;
  const member = {
    sub: 'bench-member',
    roles: ['group_member' as const],
    regions: [region],
    groups: [groupId],
  };
  const registrar = { sub: 'bench-registrar', roles: ['mediator' as const], regions: [region] };
  const registrarHeaders = await headers(registrar);

  const arrivals = new Arrivals();
  // A case's alert may come before its 201 does: whichever is second completes the pair.
  const idOfCase = new Map<string, string>();
  const alertedCases = new Set<string>();
  const stream = new AbortController();
  const response = await fetch(`${services.url('notifications')}/groups/${groupId}/alerts/stream`, {
    headers: await auth.headers(member),
    signal: stream.signal,
  });
  if (response.status !== 200) throw new Error(`the live inbox answered ${response.status}`);
  const reading = readAlerts(response, (alert) => {
    const id = idOfCase.get(alert.sourceSubject);
    if (id === undefined) alertedCases.add(alert.sourceSubject);
    else arrivals.seen(id);
  }).catch(() => {});

  let n = 0;
  const fire: Fire = async (id) => {
    n += 1;
    const answer = await fetch(`${services.url('case-intake')}/cases`, {
      method: 'POST',
      headers: registrarHeaders,
      body: JSON.stringify({
        region,
        district,
        category: 'neighbourhood',
        urgency: 'critical',
        riskFlags: ['violence_threatened'],
        parties: [
          { kind: 'individual', role: 'claimant', language: 'kk', name: `Bench Claimant ${id} ${n}` },
          { kind: 'individual', role: 'respondent', language: 'ru', name: `Bench Respondent ${id} ${n}` },
        ],
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await answer.json()) as { caseId?: string };
    if (answer.status !== 201 || !body.caseId) throw new Error(`registration answered ${answer.status}`);
    idOfCase.set(body.caseId, id);
    if (alertedCases.delete(body.caseId)) arrivals.seen(id);
  };
  try {
    await warmUp(arrivals, fire);
    return await pacedRun(arrivals, fire, { rate, durationSeconds, runId: 'inbox' });
  } finally {
    stream.abort();
    await reading;
  }
}
