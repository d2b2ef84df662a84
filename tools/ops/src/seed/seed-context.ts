// What every seeding step needs: the four services' clients, dev tokens, progress output, today.
import type { DevTokens } from '../dev-tokens.ts';
import { type ApiClient, isProblem } from './api-client.ts';

export type SeedApis = {
  cases: ApiClient;
  training: ApiClient;
  monitoring: ApiClient;
  notifications: ApiClient;
};

export type SeedContext = {
  apis: SeedApis;
  tokens: DevTokens;
  progress: (message: string) => void;
  /** `YYYY-MM-DD`, UTC. */
  today: string;
};

export function adminToken(context: SeedContext): Promise<string> {
  return context.tokens.token({ sub: 'seed-admin', roles: ['admin'], regions: ['KZ'] });
}

/** `days` after `date` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * case-intake and regional-monitoring learn of certifications and partners from the mediators
 * topic, a moment after training published them: a refusal with one of `codes` right after
 * seeding them is retried for a while.
 */
export async function untilLearnt(
  context: SeedContext,
  codes: readonly string[],
  attempt: () => Promise<void>,
) {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!codes.some((code) => isProblem(error, 422, code)) || tries >= 240) throw error;
      if (tries === 0)
        context.progress(`waiting for the services to learn of training's news (${codes.join(', ')})…`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
