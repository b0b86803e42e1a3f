import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { projectRoot } from '../../src/paths.ts'

/**
 * The real `csp-hub` executable as a separate process, for tests of what only a process shows: exit
 * codes, locks, kill -9, restarts.
 */
export const BIN = path.join(projectRoot, 'bin', 'csp-hub.js')

/** A process environment with nothing inherited that could point csp-hub elsewhere. */
export function cspHubEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, CSP_HUB_FROM_SOURCE: '1', NODE_ENV: 'development', CSP_HUB_DEMO_DATA: 'never', ...extra }
}

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Run `csp-hub ARGS…` to the end. */
export function runCspHub(args: string[], env: Record<string, string>, options: { nodeArgs?: string[] } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: projectRoot, env: cspHubEnv(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

export interface RunningServer {
  port: number
  url: string
  pid: number
  child: ChildProcess
  output(): string
  /** Resolves when the process has ended (however). */
  exited: Promise<Finished>
  stop(signal?: NodeJS.Signals): Promise<Finished>
  /** Resolves with the first log line (JSON) whose message matches. */
  waitForLog(match: RegExp): Promise<string>
}

/** Start `csp-hub serve` on a free port of 127.0.0.1 and wait until it says where it listens. */
export function startCspHub(env: Record<string, string>, options: { nodeArgs?: string[] } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, 'serve'], {
      cwd: projectRoot,
      env: cspHubEnv({ PORT: '0', HOST: '127.0.0.1', CSP_HUB_LOG_LEVEL: 'info', ...env }),
    })
    let stdout = ''
    let stderr = ''
    const waiters: { match: RegExp; resolve: (line: string) => void }[] = []
    const exited = new Promise<Finished>(done => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })))
    let started = false
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      for (const line of text.split('\n')) {
        for (const waiter of [...waiters]) {
          if (waiter.match.test(line)) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(line)
          }
        }
      }
      const match = /CSP Hub is running at http:\/\/localhost:(\d+)/.exec(stdout)
      if (match && !started) {
        started = true
        const port = Number(match[1])
        resolve({
          port,
          url: `http://127.0.0.1:${port}`,
          pid: child.pid!,
          child,
          output: () => stdout + stderr,
          exited,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal)
            return exited
          },
          waitForLog: match => new Promise(done => waiters.push({ match, resolve: done })),
        })
      }
    }
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      onData(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
      onData(chunk)
    })
    void exited.then(result => {
      if (!started) reject(new Error(`csp-hub serve exited (${result.code ?? result.signal}) before listening:\n${result.stdout}${result.stderr}`))
    })
  })
}
