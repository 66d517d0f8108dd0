import { defineConfig } from 'vitest/config';

// Tests live in tests/ only; browser and child-process tests need more than vitest's 5 s default.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
