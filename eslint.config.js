import path from 'node:path'

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

/**
 * The layout's one-way streets (see README, "Where things go"): a capability uses another only through that
 * capability's public surface, `src/capabilities/<name>/index.ts`, and `src/core/` imports no capability.
 * Two composition points may import every capability's own files: `src/db/tables.ts` (each `*-tables.ts`)
 * and `src/demo/index.ts` (each demo loader).
 */
const capabilityOf = file => /(?:^|\/)src\/capabilities\/([^/]+)\/./.exec(file)?.[1]
const isCore = file => /(?:^|\/)src\/core\//.test(file)
const isCompositionPoint = (file, target) =>
  (/(?:^|\/)src\/db\/tables\.ts$/.test(file) && /-tables\.ts$/.test(target)) ||
  (/(?:^|\/)src\/demo\/index\.ts$/.test(file) && /(-demo|\/demo-[a-z-]+)\.ts$/.test(target))
export const capabilityBoundaries = {
  meta: { type: 'problem', docs: { description: 'Capabilities meet only through their public surface; the core imports none' }, schema: [] },
  create(context) {
    const file = context.filename.split(path.sep).join('/')
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source))
      const to = capabilityOf(target)
      if (!to) return
      if (isCore(file)) {
        context.report({ node, message: `src/core must not import a capability (“${source}” is in ${to}).` })
        return
      }
      if (to === capabilityOf(file) || /\/src\/capabilities\/[^/]+\/index\.ts$/.test(target) || isCompositionPoint(file, target)) return
      context.report({ node, message: `Import ${to} through its public surface (src/capabilities/${to}/index.ts), not “${source}”.` })
    }
    return {
      ImportDeclaration: node => check(node, node.source.value),
      ExportNamedDeclaration: node => node.source && check(node, node.source.value),
      ExportAllDeclaration: node => check(node, node.source.value),
      ImportExpression: node => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'data/', 'coverage/', 'assets/js/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    plugins: { local: { rules: { 'import-order': importOrder, 'capability-boundaries': capabilityBoundaries } } },
    rules: {
      'local/import-order': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'local/capability-boundaries': 'error' },
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
