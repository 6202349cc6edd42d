// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of the pure core: no SDK, no file system, no environment (CONVENTIONS.md, habit 1). */
const PURE = [
  'domain',
  'config',
  'desired',
  'observed',
  'plan',
  'render',
  'lifecycle',
  'events',
  'reports',
  'gitops',
  'exceptions',
  'ports',
  'app',
  'adopt',
].map((folder) => `engine/src/${folder}/**/*.ts`);

/** What the pure core may not import. */
const PURE_IMPORTS = [
  {
    group: [
      '@aws-sdk/*',
      '@smithy/*',
      '@octokit/*',
      'octokit',
      '@actions/*',
      'exceljs',
      'aws-cdk-lib',
      'aws-cdk-lib/*',
    ],
    message:
      'The pure core imports no SDK: put I/O behind a port in engine/src/ports and an adapter in engine/src/adapters.',
  },
  {
    group: [
      'node:fs',
      'node:fs/*',
      'fs',
      'fs/*',
      'node:child_process',
      'child_process',
      'node:net',
      'node:http',
      'node:https',
    ],
    message: 'The pure core does no I/O: read files in an adapter and pass the content in.',
  },
  {
    group: ['**/adapters/**', '**/entrypoints/**'],
    message: 'The pure core does not depend on adapters or entry points.',
  },
];

/**
 * What the hosts import of the AWS adapters: the session, the factories that build ports from it, and the few
 * modules that are no SDK client (retries, the call context of errors, the CLI's and the runtime's connection).
 */
const AWS_ADAPTER_IMPORTS = {
  regex:
    'adapters/aws/(?!session\\.js$|factories/|connect\\.js$|runtime-access\\.js$|retry\\.js$|call-context\\.js$|aws-errors\\.js$)',
  allowTypeImports: true,
  message:
    'An entry point builds AWS ports with the factories of engine/src/adapters/aws/factories over one AwsSession (session.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'engine/dist/**',
      'engine/dist-lambda/**',
      'engine/src/domain/generated/**',
      'node_modules/**',
      'coverage/**',
      'infra/cdk.out/**',
      'cdk.out/**',
      '.venv/**',
      '.stryker/**',
    ],
  },
  eslint.configs.recommended,
  // Type-aware rules catch floating promises and unsafe any, the two classic bugs of async CLI code.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Unused arguments prefixed with _ document an interface being satisfied.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import type` keeps type-only imports out of the emitted JavaScript (verbatimModuleSyntax).
      '@typescript-eslint/consistent-type-imports': 'error',
      // Template literals with numbers are the normal way to build messages.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    files: ['engine/src/**/*.ts'],
    // The engine never prints: output goes through a port (CONVENTIONS.md, habit 10).
    rules: { 'no-console': 'error' },
  },
  {
    files: ['engine/src/**/*.ts'],
    ignores: ['engine/src/domain/generated/**'],
    // A function that does not fit on a screen does more than one thing: split it by what it decides.
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: PURE,
    rules: {
      'no-restricted-imports': ['error', { patterns: PURE_IMPORTS }],
    },
  },
  {
    files: ['engine/src/**/*.ts'],
    ignores: ['engine/src/entrypoints/**'],
    // The environment is read by the entry points only (the CLI's io.env) and handed down as values.
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only entry points read the environment: take the value as a parameter.',
        },
      ],
    },
  },
  {
    // Ports are the engine's interfaces to the world: they speak of domain types only, so that any layer may
    // implement or use them without pulling in another.
    files: ['engine/src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PURE_IMPORTS,
            {
              regex: '^\\.\\./(?!domain/|observed/)',
              message: 'A port depends on domain types only (engine/src/domain, engine/src/observed).',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI's commands and the Lambdas' handlers are hosts: they compose ports and call one use case of app/,
    // which runs the rules of the core (the lifecycle, plans, changes, apply, the settings' reading).
    files: ['engine/src/entrypoints/cli/**/*.ts', 'engine/src/entrypoints/lambda/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lifecycle/*', '**/plan/*', '**/changes/*', '**/apply/*', '**/config/*'],
              allowTypeImports: true,
              message: 'An entry point calls a use case of engine/src/app, which runs the rules of the core.',
            },
            AWS_ADAPTER_IMPORTS,
          ],
        },
      ],
    },
  },
  {
    // The local runtime is a host too: its AWS ports come from the factories, like the Lambdas'.
    files: ['engine/src/entrypoints/local/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [AWS_ADAPTER_IMPORTS] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // CommonJS configuration files of tools (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
);
