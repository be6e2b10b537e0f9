import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'fault-proxy', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
