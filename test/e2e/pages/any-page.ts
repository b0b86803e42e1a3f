import { AppPage, type Heading } from './app-page.ts'

/**
 * A page known by its h1 alone, for journeys through pages that need no helpers of their own: the
 * verification (one h1, axe checked) and the reading helpers of AppPage, nothing more.
 */
export class AnyPage extends AppPage {
  readonly heading: Heading = /./
}
