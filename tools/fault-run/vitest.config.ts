// No global setup: a fault run starts (and kills, and restarts) its own Kafka and FerretDB on
// spare ports, never the shared ones the other packages' tests use.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test` runs the unit tests and the short fault run (src/fault-run.fault.test.ts, about
    // three minutes on two cores); `test:faults` (FAULT_RUN=1) runs the fault run alone.
    include: [process.env.FAULT_RUN === '1' ? 'src/**/*.fault.test.ts' : 'src/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
