import { defineConfig } from 'vitest/config';

// The launcher is tested with a stand-in server of its own: no Kafka or MongoDB.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
