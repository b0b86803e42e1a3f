import * as cheerio from 'cheerio'

/** Read a page the way a user would: its heading, error summary, inline errors, banners. */
export function page(html: string) {
  const $ = cheerio.load(html)
  const text = (selector: string) => $(selector).first().text().replace(/\s+/g, ' ').trim()
  return {
    $,
    title: () => text('title'),
    h1: () => text('h1'),
    errorSummary: () =>
      $('.govuk-error-summary__list a')
        .map((_, a) => ({ text: $(a).text().trim(), href: $(a).attr('href') ?? '' }))
        .get(),
    inlineError: (fieldId: string) => text(`#${fieldId}-error`).replace(/^Error:\s*/, ''),
    fieldValue: (name: string) => $(`[name="${name}"]`).first().val(),
    banner: () => text('.govuk-notification-banner__content'),
    text: (selector: string) => text(selector),
    all: (selector: string) => $(selector).map((_, el) => $(el).text().replace(/\s+/g, ' ').trim()).get(),
  }
}
