import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, ServiceProcess } from './service-process.ts';

const dir = fileURLToPath(new URL('../fixtures/ready-server/', import.meta.url));
const day = 86_400_000;

type Answer = { now: string; trueNow: number; service: string; extra: string; home: string | null };

describe('a service process', () => {
  it('starts with its environment only, answers when ready, keeps its output and stops with SIGTERM', async () => {
    const lines: string[] = [];
    const service = await ServiceProcess.start({
      name: 'stand-in',
      dir,
      port: await freePort(),
      env: { EXTRA: 'given' },
      onOutput: (chunk) => lines.push(chunk),
    });
    try {
      const answer = (await (await fetch(service.url)).json()) as Answer;
      expect(answer).toMatchObject({ service: 'stand-in', extra: 'given', home: null });
      expect(service.logs()).toContain(`listening on ${service.port}`);
      expect(lines.join('')).toContain('listening on');
    } finally {
      await service.stop();
    }
    expect(service.alive).toBe(false);
    expect(await service.exited).toBe(0);
  });

  it('moves the clock of new Date() and leaves Date.now() true', async () => {
    const service = await ServiceProcess.start({
      name: 'stand-in',
      dir,
      port: await freePort(),
      env: {},
      clockOffsetMs: 3 * day,
    });
    try {
      const answer = (await (await fetch(service.url)).json()) as Answer;
      const shift = Date.parse(answer.now) - answer.trueNow;
      expect(shift).toBeGreaterThan(3 * day - 60_000);
      expect(Math.abs(answer.trueNow - Date.now())).toBeLessThan(60_000);
    } finally {
      await service.stop();
    }
  });

  it('fails to start with what the process printed when it exits', async () => {
    await expect(
      ServiceProcess.start({ name: 'stand-in', dir, port: await freePort(), env: { FAIL_AT_START: '1' } }),
    ).rejects.toThrow(/stand-in exited with 3:\nrefusing to start/);
  });
});
