import { defineConfig } from 'vitest/config';

// Pure tests only: no Kafka or MongoDB, so not the kit's global setup.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
