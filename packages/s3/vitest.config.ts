import { defineProject } from 'vitest/config';

// test/*.integ.test.ts run against a real S3 server: the throw-away RGW of @rawaws/rgw (or S3_ENDPOINT), never skipped.
export default defineProject({
  test: {
    name: 's3',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['@rawaws/rgw/global-setup'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
