// DESIGN.md §6 flow 2 across two services, as they run in production: case-intake (its own
// process, its own database) learns from this service's `mediators` events whether a mediator may
// be assigned. Uncertified → refused; certified → assigned; expired → refused again. The services
// share only the broker, the topic prefix and the token issuer, never code or a database.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { newEventId } from '@kelisim/contracts/envelope';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiries } from './jobs/expiry-sweep.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const almaty = '750000000';
const caseIntakeDir = fileURLToPath(new URL('../../case-intake/', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('case-intake follows certification events from mediator-training', () => {
  let svc: ServiceUnderTest;
  let caseIntake: ChildProcess;
  let baseUrl: string;
  let output = '';
  const caseIntakeDb = () => `${svc.runtime.infra.dbName}_ci`;

  beforeAll(async () => {
    svc = await startServiceUnderTest('eligibility');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const key = () => randomBytes(32).toString('base64');
    caseIntake = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: caseIntakeDir,
      env: {
        PATH: process.env.PATH,
        SERVICE_NAME: 'case-intake',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MONGO_URL: svc.runtime.infra.mongoUrl,
        MONGO_DB: caseIntakeDb(),
        KAFKA_BROKERS: svc.runtime.infra.kafkaBrokers.join(','),
        TOPIC_PREFIX: svc.runtime.infra.topicPrefix,
        TOPIC_PARTITIONS: '3',
        ...svc.auth.env,
        FIELD_KEYS: `k1:${key()}`,
        FIELD_KEY_CURRENT: 'k1',
        HASH_KEY: key(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caseIntake.stdout?.on('data', (chunk) => (output += chunk));
    caseIntake.stderr?.on('data', (chunk) => (output += chunk));
    await waitFor(
      async () => {
        if (caseIntake.exitCode !== null) throw new Error(`case-intake exited:\n${output.slice(-2000)}`);
        expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  afterAll(async () => {
    if (caseIntake && caseIntake.exitCode === null) {
      const exited = new Promise((resolve) => caseIntake.once('exit', resolve));
      caseIntake.kill('SIGTERM');
      const timer = setTimeout(() => caseIntake.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (svc) {
      await svc.runtime.connection
        .getClient()
        .db(caseIntakeDb())
        .dropDatabase()
        .catch(() => {});
      await svc.close();
    }
  });

  async function callCaseIntake(method: string, path: string, sub: string, body?: object) {
    const authorization = `Bearer ${await svc.auth.mint({ sub, roles: ['mediator'], regions: [almaty] })}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  /** A case in case-intake with every party's consent, ready for assignment. */
  async function caseAwaitingAssignment(): Promise<string> {
    const registrar = 'u-registrar';
    const created = await callCaseIntake('POST', '/cases', registrar, {
      region: almaty,
      district: '751310000',
      category: 'neighbourhood',
      urgency: 'high',
      riskFlags: [],
      description: 'A dispute over a shared yard.',
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Party One' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Party Two' },
      ],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const caseId = String(created.json.caseId);
    expect((await callCaseIntake('POST', `/cases/${caseId}/screen`, registrar, {})).status).toBe(200);
    for (const party of created.json.parties as { partyId: string }[]) {
      const consent = await callCaseIntake('POST', `/cases/${caseId}/record-consent`, registrar, {
        partyId: party.partyId,
        consented: true,
      });
      expect(consent.status, JSON.stringify(consent.json)).toBe(200);
    }
    return caseId;
  }

  const post = async (url: string, payload: object) => {
    const headers = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
    const response = await svc.app.inject({ method: 'POST', url, payload, headers });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  it('an uncertified mediator is refused, the same assignment succeeds once certified, and expiry refuses again', async () => {
    const mediator = await post('/mediators', {
      userId: 'u-med-e2e',
      name: 'Eligible Mediator',
      homeRegion: almaty,
      languages: ['kk'],
    });
    const firstCase = await caseAwaitingAssignment();
    const assign = (caseId: string) =>
      callCaseIntake('POST', `/cases/${caseId}/assign`, 'u-registrar', { mediatorId: mediator.mediatorId });

    await waitFor(async () => {
      const refused = await assign(firstCase);
      expect(refused.status).toBe(422);
      expect(refused.json.failedConditions).toEqual(['valid_certification']);
    });

    // Today's date in the certificate, as case-intake checks validity against its own clock.
    svc.setNow(new Date().toISOString());
    const course = await post('/courses', {
      title: { kk: 'Негіздер', ru: 'Основы' },
      modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 10 }],
      requiredHours: 10,
      passMark: 60,
      validityMonths: 12,
    });
    const enrolment = await post('/enrolments', {
      mediatorId: mediator.mediatorId,
      courseId: course.courseId,
    });
    await post(`/enrolments/${enrolment.enrolmentId}/attendance`, { moduleId: 'm1', hours: 10 });
    await post(`/enrolments/${enrolment.enrolmentId}/assessment`, { score: 75 });

    await waitFor(async () => {
      const assigned = await assign(firstCase);
      expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    });

    svc.setNow(new Date(Date.now() + 400 * 86_400_000).toISOString());
    const sweep = await sweepExpiries({
      enrolments: svc.stores.enrolments,
      clock: svc.clock,
      newId: newEventId,
      logger: svc.runtime.logger,
      wake: () => svc.relay.wake(),
    });
    expect(sweep.expired).toBe(1);
    const secondCase = await caseAwaitingAssignment();
    await waitFor(async () => {
      const refused = await assign(secondCase);
      expect(refused.status).toBe(422);
      expect(refused.json.failedConditions).toEqual(['valid_certification']);
    });
  });
});
