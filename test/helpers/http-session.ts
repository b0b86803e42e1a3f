/**
 * A browser-like visitor of a running csp-hub over HTTP (fetch): it keeps its session cookie, reads the
 * CSRF token from the pages' forms, and sends forms and file uploads as a browser does. For tests and
 * scripts that drive a real server process.
 */
export interface HttpSession {
  cookie: string
  csrf: string
  get(path: string): Promise<Response>
  postForm(path: string, fields: Record<string, string>): Promise<Response>
  postFile(path: string, file: { field: string; name: string; content: Buffer; type?: string }, fields?: Record<string, string>): Promise<Response>
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1]

function cookieFrom(res: Response, current: string): string {
  const set = res.headers.getSetCookie?.() ?? []
  const session = set.map(c => c.split(';')[0]!).find(c => c.startsWith('csp_hub_session='))
  return session && !session.endsWith('=') ? session : current
}

/** Sign in through the sign-in form; throws unless it works. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const form = await fetch(`${baseUrl}/sign-in`)
  let cookie = cookieFrom(form, '')
  const token = csrfIn(await form.text())
  if (!token) throw new Error('no CSRF token on the sign-in page')
  const res = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }),
  })
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
  cookie = cookieFrom(res, cookie)
  // The new session's token, from any page with a form (the sign-out button is on every page).
  const home = await fetch(`${baseUrl}/account`, { headers: { Cookie: cookie } })
  const csrf = csrfIn(await home.text())
  if (!csrf) throw new Error('no CSRF token after signing in')
  const session: HttpSession = {
    cookie,
    csrf,
    get: path => fetch(`${baseUrl}${path}`, { headers: { Cookie: session.cookie }, redirect: 'manual' }),
    postForm: (path, fields) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
      }),
    postFile: (path, file, fields = {}) => {
      const body = new FormData()
      body.set('_csrf', session.csrf)
      for (const [name, value] of Object.entries(fields)) body.set(name, value)
      body.set(file.field, new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name)
      return fetch(`${baseUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: session.cookie }, body })
    },
  }
  return session
}
