/**
 * The set, order and titles of the numbered sections of a partnership's annual report to the scrutiny committee,
 * as its council lays out its committee papers: recommendations second, say, or financial, data protection and
 * climate implications added. Sections that carry the records' figures (the background with the plan's progress
 * and performance, the resource implications with the funding) and the purpose and recommendation every
 * committee paper has are always included; they can be moved and renamed.
 */

export interface SectionLayoutEntry {
  key: AnnualSectionKey
  title: string
  included: boolean
}

export const ANNUAL_SECTION_KEYS = [
  'purpose',
  'introduction',
  'background',
  'risk',
  'crimeAndDisorder',
  'resources',
  'financial',
  'legal',
  'equality',
  'dataProtection',
  'climate',
  'recommendation',
] as const
export type AnnualSectionKey = (typeof ANNUAL_SECTION_KEYS)[number]

export interface AnnualSectionDefinition {
  key: AnnualSectionKey
  /** The standard title. */
  title: string
  /** In the standard layout. */
  standard: boolean
  /** May be left out of the report. */
  removable: boolean
  hint: string
}

export const ANNUAL_SECTIONS: Record<AnnualSectionKey, AnnualSectionDefinition> = {
  purpose: { key: 'purpose', title: 'Purpose of report', standard: true, removable: false, hint: 'Every committee paper says what it is for.' },
  introduction: { key: 'introduction', title: 'Introduction', standard: true, removable: true, hint: 'The statutory basis of the partnership and of the report.' },
  background: {
    key: 'background',
    title: 'Background',
    standard: true,
    removable: false,
    hint: 'It carries the plan’s priorities and progress, the outcomes and the performance table.',
  },
  risk: { key: 'risk', title: 'Risk implications', standard: true, removable: true, hint: 'Risks to the partnership delivering its statutory duty.' },
  crimeAndDisorder: { key: 'crimeAndDisorder', title: 'Crime and disorder implications', standard: true, removable: true, hint: 'Section 17 of the Crime and Disorder Act 1998.' },
  resources: { key: 'resources', title: 'Resource implications', standard: true, removable: false, hint: 'It carries the funding figures of the year, or says none are recorded.' },
  financial: { key: 'financial', title: 'Financial implications', standard: false, removable: true, hint: 'The cost to the council, where its finance team comments apart from resources.' },
  legal: { key: 'legal', title: 'Legal implications', standard: true, removable: true, hint: 'The statutory duties behind the partnership and the committee.' },
  equality: { key: 'equality', title: 'Equality and diversity implications', standard: true, removable: true, hint: 'Whether an equality impact assessment was done.' },
  dataProtection: { key: 'dataProtection', title: 'Data protection implications', standard: false, removable: true, hint: 'Personal data the work uses and how it is protected.' },
  climate: { key: 'climate', title: 'Climate and environmental implications', standard: false, removable: true, hint: 'The work’s effect on the council’s climate commitments.' },
  recommendation: { key: 'recommendation', title: 'Recommendation', standard: true, removable: false, hint: 'What the committee is asked to do.' },
}

export const MAX_SECTION_TITLE = 120

/** The standard layout: the seeds' committee-report order, the sections councils add left out. */
export function standardLayout(): SectionLayoutEntry[] {
  return ANNUAL_SECTION_KEYS.map(key => ({ key, title: ANNUAL_SECTIONS[key].title, included: ANNUAL_SECTIONS[key].standard }))
}

const isKey = (value: unknown): value is AnnualSectionKey => typeof value === 'string' && (ANNUAL_SECTION_KEYS as readonly string[]).includes(value)

/**
 * The layout as stored, made whole: unknown keys and repeats dropped, a section missing (one added to CSP Hub
 * since) put where the standard layout has it, a section that cannot be left out included, an empty title the
 * standard one.
 */
export function sectionLayout(stored: unknown): SectionLayoutEntry[] {
  if (!Array.isArray(stored)) return standardLayout()
  const seen = new Set<AnnualSectionKey>()
  const entries: SectionLayoutEntry[] = []
  for (const item of stored as unknown[]) {
    if (!item || typeof item !== 'object') continue
    const { key, title, included } = item as Record<string, unknown>
    if (!isKey(key) || seen.has(key)) continue
    seen.add(key)
    const cleanTitle = typeof title === 'string' && title.trim() ? title.trim().slice(0, MAX_SECTION_TITLE) : ANNUAL_SECTIONS[key].title
    entries.push({ key, title: cleanTitle, included: !ANNUAL_SECTIONS[key].removable || included !== false })
  }
  ANNUAL_SECTION_KEYS.forEach((key, index) => {
    if (seen.has(key)) return
    const after = ANNUAL_SECTION_KEYS.slice(0, index).findLast(previous => seen.has(previous))
    const at = after ? entries.findIndex(entry => entry.key === after) + 1 : 0
    entries.splice(at, 0, { key, title: ANNUAL_SECTIONS[key].title, included: ANNUAL_SECTIONS[key].standard })
    seen.add(key)
  })
  return entries
}

/** The included sections in order, each with its number: "1", "2"… */
export function numberedSections(layout: readonly SectionLayoutEntry[]): (SectionLayoutEntry & { number: string })[] {
  return layout.filter(entry => entry.included).map((entry, index) => ({ ...entry, number: String(index + 1) }))
}

/** Whether the layout is the standard one (so the settings page can say so). */
export function isStandardLayout(layout: readonly SectionLayoutEntry[]): boolean {
  const standard = standardLayout()
  return layout.length === standard.length && layout.every((entry, index) => entry.key === standard[index]!.key && entry.title === standard[index]!.title && entry.included === standard[index]!.included)
}

export interface LayoutChoice {
  key: AnnualSectionKey
  title: string
  included: boolean
  /** The position asked for (1 first); null keeps the current one. */
  position: number | null
}

/**
 * The new layout from the settings form: sections sorted by the position asked for. Where two ask for the same
 * place, the one whose position was changed takes it (so "Recommendation: 2" puts it second), then the current order.
 */
export function layoutFromChoices(current: readonly SectionLayoutEntry[], choices: readonly LayoutChoice[]): SectionLayoutEntry[] {
  const byKey = new Map(choices.map(choice => [choice.key, choice]))
  return current
    .map((entry, index) => {
      const choice = byKey.get(entry.key)
      const position = choice?.position ?? index + 1
      return {
        index,
        position,
        moved: position !== index + 1,
        entry: {
          key: entry.key,
          title: choice?.title.trim() || ANNUAL_SECTIONS[entry.key].title,
          included: !ANNUAL_SECTIONS[entry.key].removable || (choice ? choice.included : entry.included),
        },
      }
    })
    .sort((a, b) => a.position - b.position || Number(b.moved) - Number(a.moved) || a.index - b.index)
    .map(item => item.entry)
}

/**
 * Move one section up or down a place (the settings page's buttons). An included section moves past the next
 * included one, over any left out between them, so its number changes as the button says.
 */
export function moveSection(layout: readonly SectionLayoutEntry[], key: AnnualSectionKey, direction: 'up' | 'down'): SectionLayoutEntry[] {
  const entries = [...layout]
  const index = entries.findIndex(entry => entry.key === key)
  if (index < 0) return entries
  const step = direction === 'up' ? -1 : 1
  let other = index + step
  if (entries[index]!.included) while (other >= 0 && other < entries.length && !entries[other]!.included) other += step
  if (other < 0 || other >= entries.length) return entries
  const [moved] = entries.splice(index, 1)
  entries.splice(other, 0, moved!)
  return entries
}
