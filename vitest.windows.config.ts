import { defineConfig } from 'vitest/config';

// `npm run test:windows`: the Windows DLL-host stage, under Wine (prepared by scripts/win-node.mjs wine).
// Apart from the main run because it needs Wine, MinGW and node.exe, which that stage installs.
export default defineConfig({
  test: {
    include: ['tests/windows/**/*.test.ts'],
    pool: 'forks',
    // Files in turn: each Wine process costs a core for its start, and there are two.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
