// ESLint: typescript-eslint's type-aware recommended rules (the TypeScript project service reads
// tsconfig.json, and src/page/tsconfig.json for the page) and lines of at most 120 characters,
// strings, comments and URLs included, as Prettier formats them. `npm run lint`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Names TypeScript already checks (no-undef is off for TypeScript); listed for the JavaScript files. */
const NODE = { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly' }
const BROWSER = { window: 'readonly', document: 'readonly', fetch: 'readonly', console: 'readonly', URL: 'readonly' }

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tap/**', 'src/contract/types.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: NODE,
    },
    rules: {
      'max-len': [
        'error',
        {
          code: 120,
          tabWidth: 2,
          ignoreUrls: false,
          ignoreStrings: false,
          ignoreTemplateLiterals: false,
          ignoreComments: false,
          ignoreRegExpLiterals: false,
        },
      ],
      // Fastify's handlers and hooks and tap's subtests are async functions by their API's shape
      // (their result is awaited by the framework), whether or not they await anything themselves.
      '@typescript-eslint/require-await': 'off',
      // Unused names are errors, except a deliberate `_` (a tuple's skipped element, a parameter a
      // callback's shape requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  { files: ['src/page/**/*.ts'], languageOptions: { globals: BROWSER } },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // tap awaits every subtest itself (`t.test(...)` at the top of a file, in order): a floating
      // subtest promise is how tap is written, not a forgotten await.
      '@typescript-eslint/no-floating-promises': 'off',
      // Tests read JSON answers whose shape the contract (checked by the tests' own response
      // validator) guarantees: `any` there is the point of a black-box test, not a lapse.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
)
