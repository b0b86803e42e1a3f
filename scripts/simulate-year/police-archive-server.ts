import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { buildZip, type ZipPart } from '../../test/helpers/zip-bomb.ts'

/**
 * A police.uk-style archive served from 127.0.0.1 that grows as data.police.uk's does: each call of
 * `publish()` adds the next real month (Essex's street file, cut to the rows of the demo partnerships'
 * districts to keep the run short), with an outcomes file beside it and another force's file that the
 * fetch must pass over. The ZIP is built afresh on each request, as the archive published that day.
 */
export async function startPoliceArchiveServer(options: {
  dataDir: string
  months: readonly string[]
  districts: readonly string[]
}) {
  const published: string[] = []
  const rows = new Map<string, number>()
  const slice = (month: string): Buffer => {
    const lines = readFileSync(
      path.join(options.dataDir, 'police-uk', month, `${month}-essex-street.csv`),
      'utf8',
    ).split(/\r?\n/)
    const kept = lines.slice(1).filter(line => options.districts.some(district => line.includes(`,${district} 0`)))
    rows.set(month, kept.length)
    return Buffer.from([lines[0], ...kept, ''].join('\n'))
  }
  const files = new Map(options.months.map(month => [month, slice(month)]))
  let requests = 0
  const server = http.createServer((req, res) => {
    if (req.url !== '/archive.zip') return void res.writeHead(404).end()
    requests++
    const parts: ZipPart[] = published.flatMap(month => [
      { name: `${month}/${month}-essex-street.csv`, data: files.get(month)! },
      { name: `${month}/${month}-essex-outcomes.csv`, data: Buffer.from('Crime ID,Month,Reported by,Falls within\n') },
      {
        name: `${month}/${month}-kent-street.csv`,
        data: Buffer.from('not read: Kent is not a force this site covers\n'),
      },
    ])
    const body = buildZip(parts)
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length })
    res.end(body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/archive.zip`,
    published,
    /** Rows of each month's file as served. */
    rows,
    requests: () => requests,
    /** data.police.uk publishes the next month; returns it, or undefined when none is left. */
    publish(): string | undefined {
      const next = options.months[published.length]
      if (next) published.push(next)
      return next
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}
