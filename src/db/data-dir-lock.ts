import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * One process at a time per embedded (PGlite) data folder. PGlite keeps the database in the memory of the
 * process that opened it and writes it back to the folder: a second process (a `csp-hub import` while the
 * server runs) would work on its own copy, and whichever wrote last would silently undo the other's
 * changes. So the first process writes a lock file into the folder, naming itself; a second refuses with
 * a message naming the first. A lock left by a process that has gone (killed, the machine restarted) is
 * stale and taken over: the process is not running, or its number now belongs to a process started later.
 */

export const LOCK_FILE = 'csp-hub.lock'

interface LockHolder {
  pid: number
  host: string
  /** The process's start time (Linux: clock ticks after boot, /proc/PID/stat field 22), to tell a reused PID. */
  started: string | null
  command: string
  since: string
}

export class DataDirInUseError extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(message)
    this.name = 'DataDirInUseError'
  }
}

function processStart(pid: number): string | null {
  try {
    // The command name (field 2) may hold spaces and brackets: count fields after its closing bracket.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function isRunning(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true // cannot tell from here: assume so
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
  }
  const started = processStart(holder.pid)
  return !(holder.started && started && started !== holder.started)
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder
    return typeof holder.pid === 'number' ? holder : undefined
  } catch {
    return undefined
  }
}

const describeCommand = () => `csp-hub ${process.argv.slice(2).join(' ')}`.trim().slice(0, 80)

/**
 * Take the folder's lock for this process, or throw DataDirInUseError naming the process that holds it.
 * `release()` gives it up (also done when the process exits normally).
 */
export function lockDataDir(dir: string, command = describeCommand()): { release(): void } {
  const file = path.join(dir, LOCK_FILE)
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: processStart(process.pid), command, since: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number
    try {
      fd = openSync(file, 'wx', 0o644)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(file)
      if (holder && isRunning(holder)) throw inUse(dir, file, holder)
      // Stale (or unreadable, half-written by a process killed as it wrote): move it aside and try again.
      // Renaming is atomic, so of two processes that both found it stale only one takes it over.
      try {
        const aside = `${file}.stale-${process.pid}`
        renameSync(file, aside)
        rmSync(aside, { force: true })
      } catch {
        /* another process got there first */
      }
      continue
    }
    writeSync(fd, `${JSON.stringify(me)}\n`)
    closeSync(fd)
    let released = false
    const release = () => {
      if (released) return
      released = true
      process.off('exit', release)
      const holder = readHolder(file)
      if (holder?.pid === me.pid && holder.since === me.since) rmSync(file, { force: true })
    }
    process.on('exit', release)
    return { release }
  }
  throw inUse(dir, file, readHolder(file))
}

function inUse(dir: string, file: string, holder: LockHolder | undefined): DataDirInUseError {
  const who = holder
    ? `process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`} (${holder.command}, since ${holder.since.slice(0, 16).replace('T', ' ')} UTC)`
    : 'another process'
  const same = holder?.pid === process.pid && holder.host === os.hostname()
  return new DataDirInUseError(
    same
      ? `The database in ${dir} is already open in this process.`
      : `The database in ${dir} is in use by ${who}. Stop it first (Ctrl+C where it runs, or your service manager), then run this again. If no such process is running, delete ${file}.`,
    holder,
  )
}
