import { Writable } from 'node:stream'

import { pino } from 'pino'

import type { Logger } from '../../src/logger.ts'

export interface LogLine {
  level: number
  msg: string
  err?: { message?: string; stack?: string }
  [key: string]: unknown
}

/** A pino logger that keeps its lines in memory, so a test can say what was (not) logged and at what level. */
export function memoryLogger(level = 'info'): { logger: Logger; lines: LogLine[]; errors: () => LogLine[]; clear: () => void } {
  const lines: LogLine[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine)
      callback()
    },
  })
  const logger = pino({ level }, destination)
  return {
    logger,
    lines,
    /** Lines at error level or above (pino: error 50, fatal 60). */
    errors: () => lines.filter(line => line.level >= 50),
    clear: () => lines.splice(0),
  }
}
