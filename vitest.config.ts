import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/windows run under Wine in their own stage (vitest.windows.config.ts).
    exclude: ['tests/e2e/artifacts/**', 'node_modules/**', 'tests/windows/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
