// The kit's shared configuration, by relative path: vitest loads its config before workspace
// package resolution works for TypeScript sources.
import { kelisimVitestConfig } from '../../packages/service-kit/src/testing/vitest-config.ts';

export default kelisimVitestConfig();
