import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'data/', 'coverage/', 'assets/js/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain knows nothing of HTTP or SQL.
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['express', 'kysely', 'pg', '@electric-sql/*', 'nunjucks'], message: 'Domain code must not depend on HTTP or SQL.' },
            { group: ['**/db/**', '**/web/**', '*-repository*', '*-routes*'], message: 'Domain code must not depend on the data or web layers.' },
          ],
        },
      ],
    },
  },
)
