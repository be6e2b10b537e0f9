import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/aws-commands.test.ts runs the built bin against the throw-away RGW; files run one after another because
    // two of them rebuild dist/ in beforeAll.
    globalSetup: ['@rawaws/rgw/global-setup'],
    fileParallelism: false,
  },
});
