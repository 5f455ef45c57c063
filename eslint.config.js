import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';

/** An import of a layer above the one being linted: the arrows would point back. */
function above(layer) {
  return {
    group: [`**/${layer}/**`],
    message: `Layers import only downwards (cli → commands|app → ui → flow → services); not ${layer}/.`,
  };
}

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
  // The layers' arrows point one way, cli → commands|app → ui → flow → services (README, Development);
  // test/lint/layers.test.ts proves each rule fires and that the flow loads no I/O even indirectly.
  {
    files: ['source/services/**', 'source/simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['react', 'ink'], patterns: [above('flow'), above('ui'), above('app'), above('commands')] },
      ],
    },
  },
  {
    files: ['source/flow/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'ink'],
          patterns: [
            above('ui'),
            above('app'),
            above('commands'),
            {
              group: ['node:*', '!node:path', '@aws-sdk/*'],
              message: 'The flow is data and a pure reducer: it asks for I/O with an effect, never does it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [above('app'), above('commands')] }] },
  },
  {
    files: ['source/commands/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [above('app')] }] },
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
              message: 'Run the built program through test/support/cliStage.ts (`stage.run`).',
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
