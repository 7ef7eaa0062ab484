import type { ThroughputResult, ThroughputRun } from "./throughput.js"

const width = 720
const height = 360
const margin = { left: 60, right: 20, top: 40, bottom: 50 }

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const perSecond = (run: ThroughputRun) => run.writesPerBucket.map((n) => (n * 1000) / run.bucketMs)

/**
 * The throttled run as an SVG line chart (hand-written, no chart library): accepted writes per second
 * over time for planes and for the official client, with the limit's rate as a dashed line.
 */
export const throughputSvg = (result: ThroughputResult): string => {
  const series = [
    { name: "planes (core RateLimiter)", colour: "#1f77b4", run: result.planes },
    { name: "@microsoft/microsoft-graph-client (RetryHandler)", colour: "#d62728", run: result.official }
  ]
  const limit = result.planes.writeRatePerSecond
  const seconds = Math.max(1, ...series.map((s) => (s.run.writesPerBucket.length * s.run.bucketMs) / 1000))
  const peak = Math.max(limit * 1.2, ...series.flatMap((s) => perSecond(s.run)))
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const x = (s: number) => margin.left + (s / seconds) * plotW
  const y = (v: number) => margin.top + plotH - (v / peak) * plotH
  const lines = series.map((s) => {
    const values = perSecond(s.run)
    const points = values
      .map((v, i) => `${x(((i + 0.5) * s.run.bucketMs) / 1000).toFixed(1)},${y(v).toFixed(1)}`)
      .join(" ")
    return `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${points}"/>`
  })
  const xTicks = Array.from({ length: 6 }, (_, i) => (seconds * i) / 5)
  const yTicks = Array.from({ length: 5 }, (_, i) => (peak * i) / 4)
  const scale = result.options.windowScale
  const title = xmlText(
    `Accepted Intune writes per second, ${result.options.intents} intents, limit 100 per ${20 * scale} s (x${scale} time)`
  )
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    // The title names the chart for screen readers and as a tooltip.
    `<title>${title}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="#333"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="#333"/>`,
    ...xTicks.map(
      (t) =>
        `<text x="${x(t).toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${t.toFixed(1)}</text>`
    ),
    ...yTicks.map(
      (t) =>
        `<text x="${margin.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t.toFixed(0)}</text>`
    ),
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">seconds since the first request</text>`,
    `<text x="14" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotH / 2})">writes per second</text>`,
    `<line x1="${margin.left}" y1="${y(limit).toFixed(1)}" x2="${margin.left + plotW}" y2="${y(limit).toFixed(1)}" stroke="#555" stroke-dasharray="6 4"/>`,
    `<text x="${margin.left + plotW - 4}" y="${(y(limit) - 6).toFixed(1)}" text-anchor="end" fill="#555">documented limit (${limit.toFixed(1)}/s)</text>`,
    ...lines,
    ...series.map(
      (s, i) =>
        `<g><rect x="${margin.left + 10}" y="${margin.top + 8 + i * 18}" width="14" height="4" fill="${s.colour}"/><text x="${margin.left + 30}" y="${margin.top + 14 + i * 18}">${xmlText(s.name)}</text></g>`
    ),
    "</svg>",
    ""
  ].join("\n")
}
