import { defineProject } from 'vitest/config';

// The test runs the built tour (it starts its own RGW and IMDS emulator), so it gets a generous timeout.
export default defineProject({ test: { name: 'demo', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 60_000 } });
