import { defineConfig } from 'vitest/config';

// No Kafka or MongoDB here, so not the kit's global setup; the device-login test starts Keycloak
// itself (the kit's testing/keycloak.ts) and pays for it alone.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
