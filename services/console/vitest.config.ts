// Relative, not the package name: vite bundles a config's own sources but loads node_modules
// through Node, which cannot import the kit's TypeScript.
import { kelisimVitestConfig } from '../../packages/service-kit/src/testing/vitest-config.ts';

export default kelisimVitestConfig();
