/** Where the death review pages live, under the partnership. */
export const REVIEWS_PATH = '/death-reviews'
export const ACCESS_PATH = '/review-access'

/** The addresses of the death review pages, built in one place for handlers and templates. */
export function deathReviewPaths(partnershipId: number) {
  const list = `/partnerships/${partnershipId}${REVIEWS_PATH}`
  return {
    list,
    new: `${list}/new`,
    access: `/partnerships/${partnershipId}${ACCESS_PATH}`,
    review(id: number) {
      const show = `${list}/${id}`
      return {
        show,
        notification: `${show}/notification`,
        decision: `${show}/decision`,
        chair: `${show}/chair`,
        report: `${show}/report`,
        delete: `${show}/delete`,
        panel: `${show}/panel`,
        meetings: `${show}/meetings`,
        extensions: `${show}/extensions`,
        actions: `${show}/actions`,
        actionUpdate: (actionId: number) => `${show}/actions/${actionId}/updates/new`,
      }
    },
  }
}
export type ReviewPaths = ReturnType<ReturnType<typeof deathReviewPaths>['review']>
