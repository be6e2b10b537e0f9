import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'rgw', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
