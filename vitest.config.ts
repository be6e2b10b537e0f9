import { defineConfig } from 'vitest/config';

// One run over every workspace project, so the suite ends with a single vitest summary.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tooling/*/vitest.config.ts'],
  },
});
