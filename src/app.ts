import path from 'node:path'

import express, { Router, type Express } from 'express'
import { pinoHttp } from 'pino-http'

import { capabilities } from './capabilities/index.ts'
import { nodeModulesDir, publicDir } from './paths.ts'
import type { AppDeps, Services } from './services.ts'
import { errorHandler, notFoundHandler } from './web/error-handler.ts'
import { bodyParsers, parseQuery } from './web/middleware/body.ts'
import { csrfProtection } from './web/middleware/csrf.ts'
import { currentUser } from './web/middleware/current-user.ts'
import { loadPartnershipContext } from './web/middleware/partnership-context.ts'
import { requestId } from './web/middleware/request-id.ts'
import { cspNonce, securityHeaders } from './web/middleware/security-headers.ts'
import { sessionManager } from './web/middleware/session.ts'
import { configureNunjucks } from './web/nunjucks.ts'

/** Builds the Express app from its dependencies and services; never listens (main.ts and tests do). */
export function createApp(deps: AppDeps, services: Services): Express {
  const { config, logger, database, clock } = deps
  const app = express()
  app.set('trust proxy', config.trustProxy)
  app.disable('x-powered-by')
  app.set('query parser', parseQuery)
  // Templates are compiled once and kept, except under `npm run dev` (serve --watch-templates), which
  // reads them again on every render so that an edited template shows at once.
  configureNunjucks(app, { isProduction: config.isProduction, watch: config.watchTemplates })
  app.set('view engine', 'njk')
  // Express looks each view's file up again on every render unless told to keep it (it keeps it only when
  // NODE_ENV is production, and npm start runs in development).
  app.set('view cache', !config.watchTemplates)

  app.use(requestId())
  app.use(
    pinoHttp({
      logger,
      genReqId: req => (req as express.Request).requestId,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        req: req => ({ method: req.method, url: String(req.url).replace(/_csrf=[^&]+/, '_csrf=…') }),
        res: res => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: req => Boolean(req.url?.startsWith('/assets/') || req.url === '/healthz' || req.url === '/readyz') },
    }),
  )
  app.use(cspNonce())
  app.use(securityHeaders({ tileUrl: config.map.tileUrl }))

  // Liveness: the process answers. It reports the database as this process last saw it, without a query,
  // so it answers at once even when every connection is busy or the database is down.
  app.get('/healthz', (_req, res) => {
    const { available, since } = database.health
    res.json({ status: 'ok', database: database.kind, databaseStatus: available ? 'ok' : 'unavailable', ...(available ? {} : { unavailableSince: since.toISOString() }) })
  })
  // Readiness: can it serve requests now? It asks the database (one probe at a time, within 3 s): a load
  // balancer sends no traffic while this is 503, and sends it again once the database is back.
  app.get('/readyz', async (_req, res) => {
    const ok = await database.health.probe()
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: database.kind })
  })

  const immutable = { maxAge: config.isProduction ? '1d' : 0 }
  app.use('/assets', express.static(publicDir, immutable))
  app.use('/assets/govuk', express.static(path.join(nodeModulesDir, 'govuk-frontend', 'dist', 'govuk', 'assets'), immutable))
  app.use('/assets/leaflet', express.static(path.join(nodeModulesDir, 'leaflet', 'dist'), immutable))

  app.use(bodyParsers())

  const sessions = sessionManager(services.sessions, clock, config.session)
  const all = capabilities({ services, deps, sessions })
  app.use(sessions.middleware())
  app.use(currentUser(services.accounts))
  // The routes that take file uploads, so that csrfProtection lets their multipart bodies through to
  // receiveUpload (which checks the token once the form is parsed) and refuses multipart everywhere else.
  for (const route of all.flatMap(capability => capability.uploadRoutes ?? [])) {
    app.post(`/partnerships/:partnershipId${route}`, (req, _res, next) => {
      req.takesUpload = true
      next()
    })
  }
  app.use(csrfProtection())
  app.use(async (req, res, next) => {
    if (req.method === 'GET' && !req.path.startsWith('/api/')) res.locals.flash = await sessions.takeFlash(req)
    next()
  })

  const partnershipRouter = Router({ mergeParams: true })
  for (const capability of all) {
    if (capability.routes) app.use(capability.routes)
    if (capability.partnershipRoutes) partnershipRouter.use(capability.partnershipRoutes)
  }
  const navigation = all.flatMap(capability => capability.navigation ?? [])
  app.use('/partnerships/:partnershipId', loadPartnershipContext(services.partnerships, navigation), partnershipRouter)

  const apiPartnershipRouter = Router({ mergeParams: true })
  for (const capability of all) {
    if (capability.apiPartnershipRoutes) apiPartnershipRouter.use(capability.apiPartnershipRoutes)
  }
  app.use('/api/v1/partnerships/:partnershipId', loadPartnershipContext(services.partnerships, []), apiPartnershipRouter)
  for (const capability of all) if (capability.apiRoutes) app.use('/api/v1', capability.apiRoutes)

  app.use(notFoundHandler())
  app.use(errorHandler(logger, { showStack: config.env === 'development', databaseHealth: database.health }))
  return app
}
