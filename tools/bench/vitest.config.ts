// Only the statistics and report code is tested, purely: no global setup, so the suite needs no
// Kafka or MongoDB. The benchmarks themselves never run under vitest (`pnpm run bench`).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
