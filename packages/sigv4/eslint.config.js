import base from '@rawaws/eslint-config/base';

export default [
  ...base,
  {
    // The platform stays in one file: only src/crypto.ts may touch node:* (tests may, they run on Node).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/crypto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'crypto', 'fs', 'path', 'stream', 'buffer', 'util', 'http', 'https'], message: 'Only src/crypto.ts may import platform modules.' }] },
      ],
    },
  },
];
