import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the fault suite (kill -9 of child processes, Azurite), apart from `npm test`.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.fault.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
