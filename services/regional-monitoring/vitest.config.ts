// The kit's shared configuration, imported by path: vitest bundles a relative import of a .ts
// config file, whereas a package import of TypeScript is left to Node, which cannot load it.
import { kelisimVitestConfig } from '../../packages/service-kit/src/testing/vitest-config.ts';

export default kelisimVitestConfig();
