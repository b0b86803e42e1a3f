/**
 * The front matter councils print at the head of a committee paper (agenda item, report of, portfolio
 * holder, wards affected, key decision, exempt or not, contact officer), as lines of the document's front
 * page. Only the fields given are printed; "Key decision" and "Exempt" say Yes or No when answered.
 */
export interface PaperFrontMatter {
  /** The council's name, printed with its logo above the title (not a front matter line). */
  councilName?: string | null
  agendaItem: string | null
  reportOf: string | null
  portfolioHolder: string | null
  wardsAffected: string | null
  keyDecision: boolean | null
  exempt: boolean | null
  exemptReason: string | null
  contactName: string | null
  contactPhone: string | null
  contactEmail: string | null
}

export function frontMatterLines(paper: PaperFrontMatter | null): { label: string; value: string }[] {
  if (!paper) return []
  const lines: { label: string; value: string }[] = []
  const add = (label: string, value: string | null) => {
    if (value?.trim()) lines.push({ label, value: value.trim() })
  }
  add('Agenda item', paper.agendaItem)
  add('Report of', paper.reportOf)
  add('Portfolio holder', paper.portfolioHolder)
  add('Wards affected', paper.wardsAffected)
  if (paper.keyDecision !== null) add('Key decision', paper.keyDecision ? 'Yes' : 'No')
  if (paper.exempt !== null) add('Exempt information', paper.exempt ? `Yes${paper.exemptReason?.trim() ? `: ${paper.exemptReason.trim()}` : ''}` : 'No: this report is open to the public')
  const contact = [paper.contactName, paper.contactPhone, paper.contactEmail].map(part => part?.trim()).filter(Boolean)
  if (contact.length) add('Contact officer', contact.join(', '))
  return lines
}
