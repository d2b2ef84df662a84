// What every seeding step needs: the four services' clients, dev tokens, progress output, today.
import type { DevTokens } from '../dev-tokens.ts';
import type { ApiClient } from './api-client.ts';

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
