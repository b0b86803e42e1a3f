import { pino, type Logger } from 'pino'

export type { Logger }

/** Structured JSON logs on standard output (pipe through `npx pino-pretty` to read them in a terminal). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'csp-hub' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'], remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  })
}
