import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free port of 127.0.0.1, that the test
 * may restart or kill without touching the shared server other tests use. Uses Debian's binaries
 * (/usr/lib/postgresql/N/bin); as root, runs them as the postgres user in a folder it owns.
 */
export interface PrivatePostgres {
  url: string
  port: number
  restart(): void
  /** kill -9 the postmaster, as a crash would. */
  killPostmaster(): number
  start(): void
  stop(): void
  remove(): void
}

export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root)
    .filter(v => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  return version ? path.join(root, version, 'bin') : undefined
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries()
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql')
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-hub-pg-'))
  const data = path.join(dir, 'data')
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const run = (tool: string, args: string[], check = true) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool)
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 })
    if (check && result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
    return result
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`
  const start = () => {
    // After a kill -9 the old server's backends may take a moment to notice and leave: try again until they have.
    for (let attempt = 1; ; attempt++) {
      const result = run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start'], false)
      if (result.status === 0) return
      if (attempt >= 20) throw new Error(`pg_ctl start failed: ${result.stderr}${result.stdout}\n${readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000)}`)
      spawnSync('sleep', ['0.25'])
    }
  }
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => void run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-m', 'fast', '-w', '-t', '30', 'restart']),
    killPostmaster() {
      const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
      process.kill(pid, 'SIGKILL')
      return pid
    },
    start,
    stop: () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], false),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
