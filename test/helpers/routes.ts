import type { Express } from 'express'

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
}

interface Layer {
  rawPath?: string | string[]
  route?: { path: string; methods: Record<string, boolean> }
  handle: { stack?: Layer[] }
}

/** Every route the app answers, with its full path pattern (walking nested routers). */
export function listRoutes(app: Express): RouteInfo[] {
  const routes: RouteInfo[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (enabled && method !== '_all') routes.push({ method: method.toUpperCase() as RouteInfo['method'], path: join(prefix, layer.route.path) })
        }
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/'
        walk(layer.handle.stack, join(prefix, mount))
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '')
  const seen = new Set<string>()
  return routes.filter(route => {
    const key = `${route.method} ${route.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function join(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`
  return joined === '' ? '/' : joined.length > 1 ? joined.replace(/\/$/, '') : joined
}

/** Put values into a route pattern's parameters. */
export function fillPath(path: string, value: (param: string) => string): string {
  return path.replace(/:(\w+)/g, (_, param: string) => value(param))
}
