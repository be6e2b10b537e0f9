import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'imds-emulator', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
