import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 's3', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
