import { defineConfig } from 'vitest/config';

// Contracts are pure: no infrastructure, so no global setup.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
