// Progressive enhancement of the strategic assessment map: without JavaScript the page shows a
// server-drawn SVG map and the figures table. With it, Leaflet draws the same districts, shaded the same
// way, that can be zoomed and panned, with a tile layer only when CSP_HUB_MAP_TILE_URL is set (the
// boundaries show without any tile server).
/* global window, document, fetch, L */
const container = document.querySelector('[data-module="app-police-map"]')

async function enhance(element) {
  if (!window.L || !element.dataset.geojsonUrl) return
  const response = await fetch(element.dataset.geojsonUrl, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
  if (!response.ok) return
  const data = await response.json()
  if (!data.features || !data.features.length) return

  const mapElement = document.createElement('div')
  mapElement.className = 'app-map--interactive'
  mapElement.setAttribute('role', 'region')
  mapElement.setAttribute('aria-label', `${element.dataset.mapLabel || 'Map of districts'} (interactive map; the figures are in the table below)`)
  mapElement.setAttribute('aria-describedby', 'map-description')
  const staticMap = element.querySelector('.app-map__static')
  element.appendChild(mapElement)

  const map = L.map(mapElement, { scrollWheelZoom: false, attributionControl: true })
  const tileUrl = element.dataset.tileUrl
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: element.dataset.tileAttribution || '' }).addTo(map)
  }
  const colours = data.bandColours || []
  const layer = L.geoJSON(data, {
    style: feature => ({
      color: '#0b0c0c',
      weight: feature.properties.isChosen ? 3 : 1,
      fillColor: feature.properties.band === null ? data.noRateColour : colours[Math.min(feature.properties.band, colours.length - 1)],
      fillOpacity: tileUrl ? 0.7 : 1,
    }),
    onEachFeature: (feature, shape) => {
      // As text, never HTML: names come from imported files.
      const label = document.createElement('span')
      label.textContent = feature.properties.label
      shape.bindTooltip(label, { sticky: true })
    },
  }).addTo(map)
  map.attributionControl.addAttribution(data.attribution || '')
  map.fitBounds(layer.getBounds(), { padding: [10, 10] })
  if (staticMap) staticMap.hidden = true
}

if (container) {
  enhance(container).catch(() => {
    // The server-drawn map and the table stay: nothing is lost.
  })
}
