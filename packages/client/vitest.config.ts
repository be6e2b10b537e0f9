import { defineProject } from 'vitest/config';

// test/*.integ.test.ts run against a real server: the throw-away RGW of @rawaws/rgw (S3, STS, IAM), never skipped.
export default defineProject({
  test: {
    name: 'client',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['@rawaws/rgw/global-setup'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
