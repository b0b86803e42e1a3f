/**
 * The people's data capability (subject access downloads, erasure of a person who leaves, privacy
 * notices) as the app's wiring sees it.
 */
export { personalDataService, type PersonalDataService } from './personal-data-service.ts'
export { privacyNoticeService, type PrivacyNoticeService } from './privacy-notice-service.ts'
export { peopleCapability } from './people-routes.ts'
