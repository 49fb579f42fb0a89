import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'build/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results.json'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'demo/agent/**/*.ts', 'demo/pages/**/*.js', 'test/unit/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['demo/server/**/*.ts', 'test/e2e/**/*.ts', 'scripts/**/*.mjs', '*.mjs', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Benchmarks run in Node and hand functions to the page.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never build HTML from strings: render with lit templates.' },
        { selector: "ImportSpecifier[imported.name='unsafeHTML']", message: 'Agent text is never HTML.' },
      ],
    },
  },
);
