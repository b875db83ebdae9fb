// Lint: typescript-eslint recommended, plus the project's rules: no float money helpers
// outside core/money.ts, and no Electron or renderer imports in the plain-Node core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

// What no file of the plain-Node core may import (the sandbox adds the client's schemas below).
const electronImport = {
  name: 'electron',
  message: 'Business logic is plain Node: only src-main/electron/ may import electron.',
};
const uiImports = {
  group: ['**/src-renderer/**', '**/src-preload/**'],
  message: 'src-main must not import the renderer or preload.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'tests/e2e/artifacts/**',
      '**/*.generated.ts',
      'native/build/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money: use core/money.ts (integer fen).' }],
      'no-restricted-properties': [
        'error',
        { object: 'Number', property: 'parseFloat', message: 'Money: use core/money.ts (integer fen).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='toFixed']",
          message: 'Money: format with core/money.ts (formatYuan / formatScaled), never toFixed.',
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [uiImports] }],
    },
  },
  {
    // The sandbox center is the tests' oracle: it reads requests by protocol.md's field table
    // (src-main/spec/) and its own, never by the client's schemas it is there to judge.
    files: ['src-main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            uiImports,
            {
              group: ['**/protocol/transactions', '**/protocol/transactions/**'],
              message: 'The sandbox judges the client: use src-main/spec/ and src-main/sandbox/spec/, not the client’s schemas.',
            },
            {
              group: ['**/protocol/envelope', '**/protocol/envelope.*'],
              message: 'The sandbox reads envelopes by the spec itself: use src-main/sandbox/spec/envelope-read.ts.',
            },
            {
              group: ['**/protocol/catalogue-file-columns', '**/protocol/catalogue-file-columns.*'],
              message: 'The sandbox writes catalogue files by its own table: use src-main/sandbox/spec/catalogue-file.ts.',
            },
            {
              group: ['**/core/money', '**/core/money.*'],
              message: 'The sandbox settles with its own arithmetic (src-main/sandbox/amounts.ts), not the client’s it judges.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/money.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
