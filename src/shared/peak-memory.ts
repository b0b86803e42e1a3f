import { readFileSync } from 'node:fs'

/**
 * This process's peak resident memory, in bytes: Linux's VmHWM, the high-water mark of this program's own
 * memory, which no sample taken now and then can miss. Not getrusage's maxRSS, which a process started by a
 * larger one inherits (it holds the parent's size at the fork until this program grows past it): under the
 * import benchmark, which holds gigabytes, every command "peaked" at the benchmark's own 1.7 GB. Where there is
 * no /proc (not Linux), getrusage.
 */
export function peakMemoryBytes(): number {
  try {
    const kB = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (kB) return Number(kB) * 1024
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS * 1024
}
