import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.bench/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19.2' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['source/services/**', 'source/simulator/**', 'source/flow/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['react', 'ink'], patterns: ['**/ui/**'] }],
    },
  },
  {
    // In the bundle, `import()` of a package can yield a CommonJS namespace without its named exports (it
    // once broke every token refresh while the tests, on the source, passed). Packages are imported
    // statically, in a module that is itself a lazily loaded chunk; `import()` is for our own modules.
    files: ['source/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.type='Literal'][source.value=/^(?!\\.|node:)/]",
          message:
            'Import packages statically; load them lazily through a module of ours that imports them (build.mjs splits chunks).',
        },
        {
          selector: "ImportExpression[source.type!='Literal']",
          message:
            'Only literal relative specifiers may be imported dynamically: the bundle must resolve them.',
        },
      ],
    },
  },
  {
    // Command tests run the built dist/cli.js, as users do; the source's entry point is not theirs to call.
    files: ['test/cli/**', 'test/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/source/main', '**/source/main.js', '**/source/cli', '**/source/cli.js'],
              message: 'Run the built program through test/support/cliWorld.ts (`world.run`).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', URL: 'readonly' },
    },
  },
);
