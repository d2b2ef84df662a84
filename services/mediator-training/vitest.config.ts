// A relative import: vite externalises workspace packages when it bundles the config, and Node
// will not load their `.ts` sources from there.
import { kelisimVitestConfig } from '../../packages/service-kit/src/testing/vitest-config.ts';

export default kelisimVitestConfig();
