// The vitest configuration every package shares: one global setup that provides real Kafka
// and MongoDB, generous timeouts for integration tests on two cores.
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const globalSetup = fileURLToPath(new URL('./global-setup.ts', import.meta.url));

export function kelisimVitestConfig(): ViteUserConfig {
  return defineConfig({
    test: {
      globalSetup: [globalSetup],
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // Integration files share one broker and one FerretDB on two cores.
      maxWorkers: 2,
    },
  });
}
