// Summarizes a V8 CPU profile (.cpuprofile, from CDP Profiler.stop): self time per function and
// per module, with minified positions mapped back to the sources through the build's hidden source
// maps (when source-map-js, which Vite's toolchain installs, is there; otherwise positions stay minified).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'

let SourceMapConsumer = null
try {
  ;({ SourceMapConsumer } = createRequire(import.meta.url)('source-map-js'))
} catch {
  SourceMapConsumer = null
}

const consumers = new Map()
function consumerFor(url, distDir) {
  let path
  try {
    const { pathname } = new URL(url)
    path = join(distDir, pathname.replace(/^\//, ''))
  } catch {
    return null
  }
  if (consumers.has(path)) return consumers.get(path)
  let consumer = null
  if (SourceMapConsumer && existsSync(`${path}.map`)) consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, 'utf8')))
  consumers.set(path, consumer)
  return consumer
}

function moduleOf(source) {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  return source.replace(/^(\.\.\/)+/, '')
}

export function summarizeProfile(profile, distDir) {
  const { nodes, samples, timeDeltas } = profile
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const self = new Map()
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0) / 1000)
  const functions = new Map()
  const modules = new Map()
  let totalMs = 0
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id)
    totalMs += ms
    let name = callFrame.functionName || '(anonymous)'
    let where = callFrame.url ? `${basename(new URL(callFrame.url).pathname)}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : 'native'
    let module = callFrame.url ? basename(new URL(callFrame.url).pathname) : name.startsWith('(') ? name : '(native)'
    const consumer = callFrame.url && consumerFor(callFrame.url, distDir)
    if (consumer) {
      const pos = consumer.originalPositionFor({ line: callFrame.lineNumber + 1, column: callFrame.columnNumber })
      if (pos.source) {
        where = `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}`
        module = moduleOf(pos.source)
        if (pos.name && (name === '(anonymous)' || name.length <= 2)) name = pos.name
        else if (name.length <= 2) name = `${name}?`
      }
    }
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') where = 'V8/Blink'
    const key = `${name}|${where}`
    const f = functions.get(key) ?? { name, where, ms: 0 }
    f.ms += ms
    functions.set(key, f)
    modules.set(module, (modules.get(module) ?? 0) + ms)
  }
  const sortDesc = (a, b) => b.ms - a.ms
  return {
    totalMs,
    functions: [...functions.values()].sort(sortDesc).slice(0, 40),
    modules: [...modules.entries()].map(([module, ms]) => ({ module, ms })).sort(sortDesc).slice(0, 25),
  }
}

/**
 * Summarizes a Chromium trace (devtools.timeline): self time per event name on the page's renderer
 * main thread (Layout, UpdateLayoutTree, Paint, FunctionCall, …), i.e. where the non-JS time goes.
 */
export function summarizeTrace(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
  // The page's renderer is the main thread with the most work on it.
  const load = new Map()
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`
    if (e.ph === 'X' && mainThreads.has(key)) load.set(key, (load.get(key) ?? 0) + (e.dur ?? 0))
  }
  const main = [...load.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const spans = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const frames = []
  const stack = []
  let busyUs = 0
  for (const e of spans) {
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop()
    const frame = { name: e.name, end: e.ts + e.dur, self: e.dur }
    const parent = stack.at(-1)
    if (parent) parent.self -= Math.min(e.dur, parent.end - e.ts)
    else busyUs += e.dur
    stack.push(frame)
    frames.push(frame)
  }
  const self = new Map()
  for (const f of frames) self.set(f.name, (self.get(f.name) ?? 0) + f.self)
  return {
    busyMs: busyUs / 1000,
    events: [...self.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms).slice(0, 25),
  }
}
