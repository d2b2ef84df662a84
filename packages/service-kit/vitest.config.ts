import { kelisimVitestConfig } from './src/testing/vitest-config.ts';

export default kelisimVitestConfig();
