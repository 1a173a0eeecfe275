// ESLint with typescript-eslint's type-checked rules over the runtime, the stack, the tools and the
// tests, zero warnings (`npm run lint`, part of `npm test`); Prettier owns formatting (width 120).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'dist/**',
      '.procwatch/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_`-prefixed names are the house way to drop a field from a copy (`{ diff: _diff, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Implementations of Promise-returning ports stay `async` with no await, so a throw is a rejection.
      '@typescript-eslint/require-await': 'off',
      // Control characters are matched on purpose: inert text, header values and XML strip them.
      'no-control-regex': 'off',
      // zod's named `z` export drags every locale into a Lambda bundle (350 KB); the namespace import lets
      // esbuild keep only the English one (issue 17, test/infra/bundle.test.ts).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'`: the named import bundles every locale.",
        },
      ],
    },
  },
  {
    // Tests, benchmarks and dev tools read recorded JSON (fixtures, API answers, parsed mail, Stryker's
    // report) as `any` on purpose: assertions, not types, check its shape. The other rules apply to them too.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'devtools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node, ...globals.browser },
    },
    // Plain CommonJS config files (jest's) load their neighbours with require.
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
