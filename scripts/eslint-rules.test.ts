import { RuleTester } from 'eslint'
import { describe, it } from 'vitest'

import { capabilityBoundaries } from '../eslint.config.js'

RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } })

describe('the capability boundaries lint rule', () => {
  tester.run('capability-boundaries', capabilityBoundaries, {
    valid: [
      { filename: '/app/src/capabilities/reports/report-service.ts', code: "import { planService } from '../plans/index.ts'" },
      { filename: '/app/src/capabilities/reports/report-service.ts', code: "import { reportRepository } from './report-repository.ts'" },
      { filename: '/app/src/capabilities/reports/domain/quarterly-update.ts', code: "import { monthLabel } from '../../../core/calendar/index.ts'" },
      { filename: '/app/src/core/calendar/quarter.ts', code: "import { monthLabel } from './month.ts'" },
      { filename: '/app/src/services.ts', code: "import { planService } from './capabilities/plans/index.ts'" },
      { filename: '/app/src/db/tables.ts', code: "import { planTables } from '../capabilities/plans/plan-tables.ts'" },
      { filename: '/app/src/demo/index.ts', code: "import { loadPlanDemo } from '../capabilities/plans/plan-demo.ts'" },
    ],
    invalid: [
      {
        filename: '/app/src/capabilities/highlight-reports/highlight-report-service.ts',
        code: "import { planRepository } from '../plans/plan-repository.ts'",
        errors: [{ message: 'Import plans through its public surface (src/capabilities/plans/index.ts), not “../plans/plan-repository.ts”.' }],
      },
      {
        filename: '/app/src/capabilities/indicators/domain/indicator.ts',
        code: "export { CRIME_TYPES } from '../../police-data/domain/analyses.ts'",
        errors: 1,
      },
      {
        filename: '/app/src/web/request.ts',
        code: "import { accountService } from '../capabilities/accounts/account-service.ts'",
        errors: 1,
      },
      {
        filename: '/app/src/core/access/partnership-context.ts',
        code: "import { partnershipService } from '../../capabilities/partnerships/index.ts'",
        errors: [{ message: 'src/core must not import a capability (“../../capabilities/partnerships/index.ts” is in partnerships).' }],
      },
      {
        filename: '/app/src/db/tables.ts',
        code: "import { planRepository } from '../capabilities/plans/plan-repository.ts'",
        errors: 1,
      },
    ],
  })
})
