// Progressive enhancement of a police.uk import's page: while the import runs, the progress is fetched
// every 2 seconds and the page's main content replaced with it, until the import ends. Without JavaScript,
// the page says how to see the progress (reload it); nothing refreshes by itself, and with JavaScript the
// user can stop the updates (WCAG 2.2.2), so no timed <meta> refresh is used.
/* global window, document, fetch, DOMParser */
const INTERVAL_MS = 2000

function follow() {
  const progress = document.querySelector('[data-module="app-follow-job"]')
  if (!progress) return
  const note = document.createElement('p')
  note.className = 'govuk-body'
  note.textContent = 'This page updates itself every 2 seconds while the import runs. '
  const stop = document.createElement('button')
  stop.type = 'button'
  stop.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0'
  stop.textContent = 'Stop updating'
  note.appendChild(stop)
  progress.appendChild(note)

  let timer = window.setTimeout(update, INTERVAL_MS)
  stop.addEventListener('click', () => {
    window.clearTimeout(timer)
    timer = null
    note.textContent = 'Updates stopped. Reload the page to see how far the import has got.'
  })

  async function update() {
    try {
      const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      if (!response.ok || timer === null) return
      const next = new DOMParser().parseFromString(await response.text(), 'text/html')
      const nextProgress = next.querySelector('[data-module="app-follow-job"]')
      if (nextProgress) {
        // Still running: only the figures change, in the live region.
        progress.replaceChildren(...Array.from(nextProgress.childNodes).map(node => document.importNode(node, true)), note)
        timer = window.setTimeout(update, INTERVAL_MS)
        return
      }
      // Finished: show the outcome.
      const main = document.querySelector('main')
      const nextMain = next.querySelector('main')
      if (main && nextMain) main.replaceChildren(...Array.from(nextMain.childNodes).map(node => document.importNode(node, true)))
      document.title = next.title
    } catch {
      // Leave the page as it is: reloading it shows the progress.
    }
  }
}

follow()
