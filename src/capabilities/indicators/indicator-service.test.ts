import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aPartnership, contextFor } from '#test/helpers/builders'
import { createTestApp, type TestApp } from '#test/helpers/test-app'
import { ConflictError } from '../../shared/errors.ts'

import { indicatorService, type PoliceActualsRequest } from './indicator-service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const vehicleCrime = (areaId: number) => ({
  name: 'Vehicle crime',
  definition: null,
  source: 'police.uk',
  unit: 'count' as const,
  polarity: 'lower_is_better' as const,
  frequency: 'quarterly' as const,
  countedAs: 'offences',
  areaId,
  denominator: null,
  denominatorNote: null,
  priorityId: null,
  notes: null,
  sourceKind: 'police_data' as const,
  policeDefinition: { crimeTypes: ['Vehicle crime'], areaId },
})

describe('figures from police data (the seam for the police data engine)', () => {
  it('asks the plugged-in provider for the indicator’s crime types and area, and adds its months up into whole quarters', async () => {
    const { partnership, district } = await aPartnership(t)
    const ctx = contextFor(partnership, 'coordinator')
    const asked: PoliceActualsRequest[] = []
    const service = indicatorService({
      db: t.db,
      clock: t.clock,
      policeActuals: async request => {
        asked.push(request)
        return ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08'].map((month, i) => ({ month, count: 10 + i }))
      },
    })
    expect(service.policeDataAvailable).toBe(true)
    const saved = await service.save(ctx, null, vehicleCrime(district.id))
    const report = await service.report(ctx, saved.id)
    expect(asked).toEqual([{ partnershipId: partnership.id, indicatorId: saved.id, definition: { crimeTypes: ['Vehicle crime'], areaId: district.id } }])
    // Q1 (April to June 2025) is complete; Q2 lacks September, so it is left out.
    expect(report.actuals.map(a => [a.key, a.value, a.id])).toEqual([['2025/26 Q1', 33, null]])
  })

  it('refuses typed-in or imported figures for such an indicator', async () => {
    const { partnership, district } = await aPartnership(t)
    const ctx = contextFor(partnership, 'coordinator')
    const service = indicatorService({ db: t.db, clock: t.clock, policeActuals: async () => [] })
    const saved = await service.save(ctx, null, vehicleCrime(district.id))
    await expect(service.importActuals(ctx, saved.id, [{ row: 2, period: '2025/26 Q1', value: 3 }], 'test')).rejects.toBeInstanceOf(ConflictError)
    await expect(service.saveActual(ctx, saved.id, null, { period: { start: 2025 * 12 + 3, months: 3 }, value: 3, note: null })).rejects.toBeInstanceOf(ConflictError)
  })

  it('shows no figures, rather than failing, where no provider is plugged in', async () => {
    const { partnership, district } = await aPartnership(t)
    const ctx = contextFor(partnership, 'coordinator')
    const withProvider = indicatorService({ db: t.db, clock: t.clock, policeActuals: async () => [{ month: '2025-04', count: 1 }] })
    const saved = await withProvider.save(ctx, null, vehicleCrime(district.id))
    const without = indicatorService({ db: t.db, clock: t.clock })
    const report = await without.report(ctx, saved.id)
    expect(without.policeDataAvailable).toBe(false)
    expect(report.actuals).toEqual([])
    expect(report.indicator.sourceKind).toBe('police_data')
  })
})

describe('who may do what, in the service', () => {
  it('lets a member read but not change, and hides another partnership’s indicator', async () => {
    const { partnership } = await aPartnership(t)
    const coordinator = contextFor(partnership, 'coordinator')
    const member = contextFor(partnership, 'member')
    const saved = await t.services.indicators.save(coordinator, null, { ...vehicleCrime(0), areaId: null, sourceKind: 'manual', policeDefinition: null })
    expect((await t.services.indicators.report(member, saved.id)).indicator.name).toBe('Vehicle crime')
    await expect(t.services.indicators.saveBaseline(member, saved.id, null, { year: 2010, value: 1, note: null })).rejects.toThrow('You do not have permission')
    const other = contextFor((await aPartnership(t)).partnership, 'admin')
    await expect(t.services.indicators.report(other, saved.id)).rejects.toThrow('Indicator not found')
    await expect(t.services.indicators.saveTarget(other, saved.id, null, { year: 2011, kind: 'direction', changePercent: null, absoluteValue: null, baselineId: null, statement: null })).rejects.toThrow(
      'Indicator not found',
    )
  })

  it('will not measure a target from another indicator’s baseline', async () => {
    const { partnership } = await aPartnership(t)
    const ctx = contextFor(partnership, 'coordinator')
    const manual = { ...vehicleCrime(0), areaId: null, sourceKind: 'manual' as const, policeDefinition: null }
    const a = await t.services.indicators.save(ctx, null, { ...manual, name: 'A' })
    const b = await t.services.indicators.save(ctx, null, { ...manual, name: 'B' })
    const baselineOfB = await t.services.indicators.saveBaseline(ctx, b.id, null, { year: 2010, value: 10, note: null })
    await expect(
      t.services.indicators.saveTarget(ctx, a.id, null, { year: 2011, kind: 'direction', changePercent: null, absoluteValue: null, baselineId: baselineOfB.id, statement: null }),
    ).rejects.toMatchObject({ fieldErrors: { baselineId: 'Select a baseline from the list' } })
  })
})
