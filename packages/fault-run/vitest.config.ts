// No global setup: a fault run starts (and kills, and restarts) its own Kafka and FerretDB on
// spare ports, never the shared ones the other packages' tests use.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
