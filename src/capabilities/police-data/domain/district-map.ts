/**
 * A map of districts shaded by rate, drawn on the server as SVG: it needs no JavaScript, no tile server
 * and no network. (With JavaScript, Leaflet takes over the same figures; see assets/js/police-map.js.)
 * Shading has a legend and every district a title, and the figures are always in a table beside it.
 */

type Position = [number, number]
type Ring = Position[]
export type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }

export interface MapDistrict {
  name: string
  geometry: Geometry
  band: number | null
  /** Shown in the district's title: "Rochford: 45.2 per 1,000 residents". */
  label: string
  isChosen: boolean
}

/** Light to dark blue, by band; grey where there is no rate. Dark enough at the top to read as "high". */
export const BAND_COLOURS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c']
export const NO_RATE_COLOUR = '#f3f2f1'

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function polygons(geometry: Geometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

export function renderDistrictMap(districts: readonly MapDistrict[], options: { id: string; title: string; description: string; width?: number }): string | null {
  const all = districts.flatMap(d => polygons(d.geometry).flat(2))
  if (!all.length) return null
  const lons = all.map(p => p[0])
  const lats = all.map(p => p[1])
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
  // Equirectangular, with longitude shrunk by the cosine of the middle latitude so shapes keep their look.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const width = options.width ?? 640
  const spanX = Math.max(1e-6, (maxLon - minLon) * k)
  const spanY = Math.max(1e-6, maxLat - minLat)
  const scale = (width - 20) / spanX
  const height = Math.round(spanY * scale + 20)
  const x = (lon: number) => (10 + (lon - minLon) * k * scale).toFixed(1)
  const y = (lat: number) => (10 + (maxLat - lat) * scale).toFixed(1)
  const paths = districts.map(d => {
    const path = polygons(d.geometry)
      .flatMap(polygon => polygon.map(ring => `M${ring.map(p => `${x(p[0])} ${y(p[1])}`).join('L')}Z`))
      .join('')
    const fill = d.band === null ? NO_RATE_COLOUR : BAND_COLOURS[Math.min(d.band, BAND_COLOURS.length - 1)]
    return `<path d="${path}" fill="${fill}" fill-rule="evenodd" stroke="#0b0c0c" stroke-width="${d.isChosen ? 3 : 1}"><title>${escapeXml(d.label)}</title></path>`
  })
  const titleId = `${options.id}-title`
  const descId = `${options.id}-desc`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}" class="app-map__svg" focusable="false">` +
    `<title id="${titleId}">${escapeXml(options.title)}</title><desc id="${descId}">${escapeXml(options.description)}</desc>` +
    paths.join('') +
    '</svg>'
  )
}
