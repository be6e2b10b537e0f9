import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sse-c-upload',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['@rawaws/rgw/global-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
