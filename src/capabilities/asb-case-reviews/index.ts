/**
 * ASB case reviews (the community trigger): the log of applications, the partnership's threshold, the time each
 * step took, and the yearly figures the partnership publishes. This file is its public surface.
 */
export { asbCaseReviewService, DUTY as ASB_CASE_REVIEW_DUTY, type AsbCaseReviewService } from './asb-case-review-service.ts'
export { asbCaseReviewsCapability } from './asb-case-review-routes.ts'
export { asbCaseReviewPaths } from './asb-case-review-paths.ts'
export { RETENTION as ASB_CASE_REVIEW_RETENTION, type YearFigures as AsbCaseReviewYearFigures } from './domain/case-reviews.ts'
