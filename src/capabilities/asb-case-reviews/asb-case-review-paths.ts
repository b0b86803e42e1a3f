/** Where the ASB case review pages live, under the partnership. */
export const CASE_REVIEWS_PATH = '/asb-case-reviews'

/** The addresses of the ASB case review pages, built in one place for handlers and templates. */
export function asbCaseReviewPaths(partnershipId: number) {
  const list = `/partnerships/${partnershipId}${CASE_REVIEWS_PATH}`
  return {
    list,
    new: `${list}/new`,
    settings: `${list}/settings`,
    figuresList: `${list}/figures`,
    figures: (year: number) => `${list}/figures/${year}`,
    figuresCsv: (year: number) => `${list}/figures/${year}/download.csv`,
    publish: (year: number) => `${list}/figures/${year}/publish`,
    application(id: number) {
      const show = `${list}/${id}`
      return { show, edit: `${show}/edit`, threshold: `${show}/threshold`, review: `${show}/review`, delete: `${show}/delete` }
    },
  }
}
