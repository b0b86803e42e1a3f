import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { aUser } from '#test/helpers/builders'
import { page } from '#test/helpers/html'
import { loadGeography, loadPoliceMonths } from '#test/helpers/police-data'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

/** A new partnership's structure in minutes: a district from the ONS lookups, its authorities in one step. */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await loadGeography(t)
  await loadPoliceMonths(t, ['2025-01'])
})
afterAll(() => t.close())

async function newPartnership(name: string) {
  const partnership = await t.db.insertInto('partnerships').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow()
  const coordinator = await t.as(await aUser(t, { role: 'coordinator', partnershipId: partnership.id }))
  return { partnership, coordinator, base: `/partnerships/${partnership.id}` }
}

describe('setting up a district from the ONS lookups', () => {
  it('finds a district by name, then adds it with its wards, LSOAs and statutory responsible authorities in one step', async () => {
    const { coordinator, base, partnership } = await newPartnership('Rochford CSP (new)')
    const search = page((await coordinator.get(`${base}/setup/district?q=roch`)).text)
    expect(search.all('[data-qa=districts-found] li')).toEqual(['Rochdale (E08000005)', 'Rochford (E07000075, Essex)'])

    const form = page((await coordinator.get(`${base}/setup/district?code=E07000075`)).text)
    expect(form.h1()).toBe('Set up Rochford')
    expect(form.fieldValue('name-district_council')).toBe('Rochford District Council')
    expect(form.fieldValue('name-county_council')).toBe('Essex County Council')
    expect(form.fieldValue('name-police')).toBe('Essex Police')
    expect(form.$('input[name=include]:checked').map((_, el) => form.$(el).val()).get()).toEqual(['district_council', 'county_council', 'police', 'fire_and_rescue', 'probation', 'health'])

    const res = await coordinator.post(`${base}/setup/district`, {
      code: 'E07000075',
      depth: 'lsoas',
      include: ['district_council', 'county_council', 'police', 'fire_and_rescue', 'probation', 'health'],
      'name-district_council': 'Rochford District Council',
      'name-county_council': 'Essex County Council',
      'name-police': 'Essex Police',
      'name-fire_and_rescue': 'Essex County Fire and Rescue Service',
      'name-probation': 'Probation Service – East of England',
      'name-health': 'NHS Mid and South Essex Integrated Care Board',
    })
    expect(res.status).toBe(303)
    const areas = await t.db.selectFrom('areas').select(['id', 'type', 'name', 'code', 'parentId']).where('partnershipId', '=', partnership.id).execute()
    const district = areas.find(a => a.type === 'district')!
    expect(district).toMatchObject({ name: 'Rochford', code: 'E07000075', parentId: null })
    const wards = areas.filter(a => a.type === 'ward')
    const lsoas = areas.filter(a => a.type === 'lsoa')
    const expectedWards = await t.db.selectFrom('onsWards').select(eb => eb.fn.max('boundaryYear').as('y')).where('districtCode', '=', 'E07000075').executeTakeFirstOrThrow()
    const wardCount = (await t.db.selectFrom('onsWards').select('code').where('districtCode', '=', 'E07000075').where('boundaryYear', '=', expectedWards.y!).execute()).length
    expect(wards).toHaveLength(wardCount)
    expect(wards.every(w => w.parentId === district.id && /^E05/.test(w.code!))).toBe(true)
    expect(lsoas.length).toBeGreaterThan(0)
    expect(lsoas.every(l => /^E01/.test(l.code!) && (l.parentId === district.id || wards.some(w => w.id === l.parentId)))).toBe(true)
    expect(lsoas.filter(l => wards.some(w => w.id === l.parentId)).length).toBeGreaterThan(lsoas.length / 2)
    const organisations = await t.db.selectFrom('organisations').select(['name', 'kind', 'authorityType']).where('partnershipId', '=', partnership.id).orderBy('id').execute()
    expect(organisations.map(o => [o.authorityType, o.name])).toEqual([
      ['district_council', 'Rochford District Council'],
      ['county_council', 'Essex County Council'],
      ['police', 'Essex Police'],
      ['fire_and_rescue', 'Essex County Fire and Rescue Service'],
      ['probation', 'Probation Service – East of England'],
      ['health', 'NHS Mid and South Essex Integrated Care Board'],
    ])
    const audit = await t.db.selectFrom('auditEvents').select('action').where('partnershipId', '=', partnership.id).execute()
    expect(audit).toHaveLength(areas.length + organisations.length)
    expect(page((await coordinator.get(base)).text).banner()).toBe(`Rochford set up: ${areas.length} areas and 6 responsible authorities added`)

    // Once more: nothing is added twice.
    await coordinator.post(`${base}/setup/district`, { code: 'E07000075', depth: 'lsoas', include: ['police'], 'name-police': 'Essex Police' }).expect(303)
    expect(await t.db.selectFrom('areas').select('id').where('partnershipId', '=', partnership.id).execute()).toHaveLength(areas.length)
  })

  it('a unitary area has no county council; an emptied name is a form error, and nothing is added', async () => {
    const { coordinator, base, partnership } = await newPartnership('Southend CSP (new)')
    const form = page((await coordinator.get(`${base}/setup/district?code=E06000033`)).text)
    expect(form.fieldValue('name-county_council')).toBeUndefined()
    const res = await coordinator.post(`${base}/setup/district`, { code: 'E06000033', depth: 'district', include: ['district_council', 'police'], 'name-district_council': '', 'name-police': 'Essex Police' })
    expect(res.status).toBe(400)
    expect(page(res.text).errorSummary()).toEqual([{ text: 'Enter the name of the district or borough council authority, or untick it', href: '#name-district_council' }])
    expect(await t.db.selectFrom('areas').select('id').where('partnershipId', '=', partnership.id).execute()).toEqual([])
  })

  it('says so when no district has that name', async () => {
    const { coordinator, base } = await newPartnership('Nowhere CSP')
    const res = await coordinator.get(`${base}/setup/district?q=Atlantis`)
    expect(res.status).toBe(400)
    expect(page(res.text).inlineError('q')).toMatch(/^No district called “Atlantis” is in the ONS lookups held/)
  })
})

describe('“Save and add another” on the structure forms', () => {
  it('saves, then opens the same form again with the type and parent kept', async () => {
    const { coordinator, base, partnership } = await newPartnership('Add another CSP')
    await coordinator.post(`${base}/areas/new`, { name: 'Rochford', type: 'district', parentId: '' }).expect(303)
    const district = await t.db.selectFrom('areas').select('id').where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()
    const res = await coordinator.post(`${base}/areas/new`, { name: 'Hockley', type: 'ward', parentId: String(district.id), addAnother: 'yes' })
    expect(res.headers.location).toBe(`${base}/areas/new?type=ward&parentId=${district.id}`)
    const next = page((await coordinator.get(res.headers.location!)).text)
    expect(next.banner()).toBe('Area added. Add another.')
    expect(next.$('#type option[selected]').val()).toBe('ward')
    expect(next.$('#parentId option[selected]').val()).toBe(String(district.id))
    expect(next.$('button[name=addAnother]').text().trim()).toBe('Save and add another')

    const person = await coordinator.post(`${base}/people/new`, { name: 'Youth Worker', addAnother: 'yes' })
    expect(person.headers.location).toBe(`${base}/people/new`)
  })
})
