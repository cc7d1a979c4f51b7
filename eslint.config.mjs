import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

// Code the Temporal workflow sandbox imports: replayed, so no Node APIs, no I/O, no code generation.
const SANDBOX_FILES = [
  'workflows/**/*.ts',
  'engine/model/**/*.ts',
  'engine/runtime/**/*.ts',
  'engine/time/**/*.ts',
  'engine/expressions/**/*.ts',
];
const SANDBOX_EXEMPT = ['workflows/activities/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'No eval: SOP text must never run as code.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: SOP text must never run as code.',
        },
      ],
    },
  },
  {
    // Tests may poke at loosely typed JSON.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: SANDBOX_FILES,
    ignores: SANDBOX_EXEMPT,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules
              .flatMap((name) => [name, `node:${name}`])
              .map((name) => ({
                name,
                message: 'Workflow sandbox code is replayed: no Node APIs here.',
              })),
            {
              name: 'ajv',
              message: 'ajv generates code; use engine/runtime/form-data (no codegen) in the sandbox.',
            },
            {
              name: 'yaml',
              message: 'Parse YAML outside the sandbox (engine/loader); the workflow gets compiled JSON.',
            },
          ],
          patterns: [
            {
              group: ['**/activities/*', '!**/activities/*.d'],
              allowTypeImports: true,
              message: 'Import activities as types only and call them through proxyActivities.',
            },
            {
              group: [
                'ajv/*',
                '**/engine/loader/*',
                '**/engine/loader',
                '**/engine/validator*',
                '**/engine/compiler*',
              ],
              message: 'Not sandbox-safe: file and schema tooling.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process in the workflow sandbox.' },
        { name: 'setTimeout', message: 'Use workflow timers (sleep/condition), not setTimeout.' },
        { name: 'setInterval', message: 'Use workflow timers, not setInterval.' },
      ],
    },
  },
  prettier,
);
