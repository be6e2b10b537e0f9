import { defineProject } from 'vitest/config';

// The S3 chaos run goes through the throw-away RGW of @rawaws/rgw (or S3_ENDPOINT). CHAOS_OPS sizes it (default 2000).
export default defineProject({
  test: {
    name: 'chaos',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['@rawaws/rgw/global-setup'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
