/** Where the scoring matrices live, under the partnership's strategic assessment. */
export const MATRICES_PATH = '/strategic-assessment/priorities'

/**
 * The addresses of the priority scoring matrix pages, built in one place: handlers redirect to them and
 * templates link to them (as `paths`), instead of writing URLs out.
 */
export function matrixPaths(partnershipId: number) {
  const list = `/partnerships/${partnershipId}${MATRICES_PATH}`
  return {
    list,
    new: `${list}/new`,
    matrix(id: number) {
      const show = `${list}/${id}`
      return {
        show,
        list,
        scores: `${show}/scores`,
        criteria: `${show}/criteria`,
        newCandidate: `${show}/candidates/new`,
        deleteCandidate: (candidateId: number) => `${show}/candidates/${candidateId}/delete`,
        plan: `${show}/plan`,
        delete: `${show}/delete`,
      }
    },
  }
}
