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
    // The layers (README, Architecture): lit is for the components layer alone, and nothing
    // below it reaches up into it.
    files: ['src/**/*.ts'],
    // The entry points (index.ts, define.ts, react.ts) sit above every layer.
    ignores: ['src/components/**', 'src/index.ts', 'src/define.ts', 'src/react.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'], message: 'lit belongs to src/components/: the core is plain TypeScript.' },
            { group: ['**/components/**'], message: 'The core never imports the components layer: it offers a listener interface instead.' },
          ],
        },
      ],
    },
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
