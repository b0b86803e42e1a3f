// Types of what eslint.config.js exports, for the tests of its rules (scripts/eslint-rules.test.ts).
import type { Linter, Rule } from 'eslint'

export declare const capabilityBoundaries: Rule.RuleModule
declare const config: Linter.Config[]
export default config
