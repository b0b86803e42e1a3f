import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Imports in four groups, in this order: node: built-ins, packages, parent folders (../), this folder
 * (./). A small rule of our own rather than another plugin; it reports, it does not reorder.
 */
const IMPORT_GROUPS = ['built-in (node:)', 'package', 'parent folder (../)', 'this folder (./)']
const importGroup = source =>
  source.startsWith('node:') ? 0 : source.startsWith('../') ? 2 : source.startsWith('.') ? 3 : 1
const importOrder = {
  meta: { type: 'suggestion', docs: { description: 'Imports grouped: node:, packages, ../, ./' }, schema: [] },
  create(context) {
    return {
      Program(program) {
        let highest = -1
        for (const node of program.body) {
          if (node.type !== 'ImportDeclaration') continue
          const group = importGroup(String(node.source.value))
          if (group < highest) {
            context.report({
              node,
              message: `Move the ${IMPORT_GROUPS[group]} import “${node.source.value}” above the ${IMPORT_GROUPS[highest]} imports.`,
            })
          } else highest = group
        }
      },
    }
  },
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'data/', 'coverage/', 'assets/js/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    plugins: { local: { rules: { 'import-order': importOrder } } },
    rules: {
      'local/import-order': 'error',
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
            {
              group: ['express', 'kysely', 'pg', '@electric-sql/*', 'nunjucks'],
              message: 'Domain code must not depend on HTTP or SQL.',
            },
            {
              group: ['**/db/**', '**/web/**', '*-repository*', '*-routes*'],
              message: 'Domain code must not depend on the data or web layers.',
            },
          ],
        },
      ],
    },
  },
)
