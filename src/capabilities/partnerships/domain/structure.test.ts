import { describe, expect, it } from 'vitest'

import { flattenTree, parentProblem, wouldCreateCycle } from './structure.ts'

describe('wouldCreateCycle', () => {
  const groups = [
    { id: 1, parentId: null }, // Local Strategic Partnership
    { id: 2, parentId: 1 }, // CSP steering group
    { id: 3, parentId: 2 }, // Domestic Abuse Panel
  ]

  it('allows reporting up the existing line', () => {
    expect(wouldCreateCycle(groups, 3, 1)).toBe(false)
  })

  it('refuses a group reporting to itself or to a group below it', () => {
    expect(wouldCreateCycle(groups, 2, 2)).toBe(true)
    expect(wouldCreateCycle(groups, 1, 3)).toBe(true)
  })

  it('allows a group to report to no one', () => {
    expect(wouldCreateCycle(groups, 3, null)).toBe(false)
  })
})

describe('parentProblem', () => {
  it('lets a ward sit in a neighbourhood policing area', () => {
    expect(parentProblem('ward', 'policing_area')).toBeNull()
  })

  it('explains why a district cannot sit inside a ward', () => {
    expect(parentProblem('district', 'ward')).toBe('A district cannot sit inside another area')
    expect(parentProblem('policing_area', 'ward')).toBe('A neighbourhood policing area can only sit inside a district')
  })
})

describe('flattenTree', () => {
  it('lists each node followed by its children, with depth', () => {
    const nodes = [
      { id: 3, parentId: 1, name: 'b' },
      { id: 1, parentId: null, name: 'root' },
      { id: 2, parentId: 1, name: 'a' },
      { id: 4, parentId: 99, name: 'orphan' },
    ]
    const flat = flattenTree(nodes, (a, b) => a.name.localeCompare(b.name))
    expect(flat.map(node => [node.item.name, node.depth])).toEqual([
      ['orphan', 0],
      ['root', 0],
      ['a', 1],
      ['b', 1],
    ])
  })
})
