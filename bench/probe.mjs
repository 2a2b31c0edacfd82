// The in-page probe, injected with addInitScript before any of the page's own scripts run.
// Everything is timed with performance.now(), whose origin is the navigation start.
//
// "Painted" means: a requestAnimationFrame callback saw the DOM state (rAF runs right before the
// frame is produced), and the time is read in a MessageChannel task posted from that callback,
// which runs just after the frame.
export function probe() {
  if (window.__bench) return
  const B = {
    firstRow: null,
    longTasks: [],
  }
  window.__bench = B
  try {
    performance.setResourceTimingBufferSize(100000)
  } catch {
    // older browsers: the default buffer is enough for the JS/CSS we care about
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    B.longTaskUnsupported = true
  }

  // Calls `after(time)` just after the frame in which `rafCheck()` first returns a truthy value.
  function afterPaintWhen(rafCheck, after) {
    let done = false
    const tick = () => {
      if (done) return
      const seen = rafCheck()
      if (seen) {
        done = true
        const channel = new MessageChannel()
        channel.port1.onmessage = () => after(performance.now(), seen)
        channel.port2.postMessage(0)
        return
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    return () => {
      done = true
    }
  }
  B.afterPaintWhen = afterPaintWhen

  // Data rows of the `Clients` table that are inside both the window and their scroll box.
  function visibleRows() {
    const rows = document.querySelectorAll('tbody tr[aria-rowindex]')
    if (rows.length === 0) return []
    const box = rows[0].closest('table')?.parentElement?.getBoundingClientRect()
    const top = Math.max(0, box ? box.top : 0)
    const bottom = Math.min(window.innerHeight, box ? box.bottom : window.innerHeight)
    const out = []
    for (const tr of rows) {
      const r = tr.getBoundingClientRect()
      if (r.height > 0 && r.bottom > top && r.top < bottom) out.push(tr)
    }
    return out
  }
  B.signature = () =>
    visibleRows()
      .map((tr) => tr.textContent)
      .join('\n')

  // First row: the first frame that paints a data row inside the viewport.
  B.firstRowPromise = new Promise((resolve) => {
    afterPaintWhen(
      () => visibleRows().length > 0,
      (t) => {
        B.firstRow = t
        resolve(t)
      },
    )
  })

  // Resolves just after the first frame whose visible rows equal `signature` (the list is back).
  B.waitForSignature = (signature, timeoutMs = 15000) =>
    new Promise((resolve) => {
      const stop = afterPaintWhen(
        () => B.signature() === signature,
        (t) => {
          clearTimeout(timer)
          resolve({ ok: true, t })
        },
      )
      const timer = setTimeout(() => {
        stop()
        resolve({ ok: false })
      }, timeoutMs)
    })

  // One keystroke trial: from the keydown's event.timeStamp to just after the first painted frame
  // whose visible rows differ from those before the key.
  B.armKeystroke = (timeoutMs = 3000) => {
    const before = B.signature()
    B.trial = new Promise((resolve) => {
      let stop = () => {}
      const timer = setTimeout(() => {
        stop()
        window.removeEventListener('keydown', onKey, true)
        resolve({ ok: false, keyTs: B.keyTs ?? null })
      }, timeoutMs)
      const onKey = (event) => {
        window.removeEventListener('keydown', onKey, true)
        const keyTs = event.timeStamp
        B.keyTs = keyTs
        stop = afterPaintWhen(
          () => B.signature() !== before,
          (t) => {
            clearTimeout(timer)
            resolve({ ok: true, keyTs, paintTs: t, latency: t - keyTs })
          },
        )
      }
      window.addEventListener('keydown', onKey, true)
    })
    return before.length
  }

  // Users: every painted change of the text `N users loaded`.
  B.countChanges = []
  let countEl = null
  const COUNT = /^\s*([\d,.\u00a0\u202f ]+) users loaded\s*$/
  const readCount = () => {
    if (!countEl || !countEl.isConnected) {
      countEl = null
      for (const el of document.querySelectorAll('p, span')) {
        if (COUNT.test(el.textContent ?? '')) {
          countEl = el
          break
        }
      }
    }
    const m = countEl && COUNT.exec(countEl.textContent ?? '')
    return m ? Number(m[1].replace(/\D/g, '')) : null
  }
  B.trackCount = () => {
    let last = readCount()
    B.countChanges = []
    B.trackingCount = true
    const tick = () => {
      if (!B.trackingCount) return
      const n = readCount()
      if (n !== null && n !== last) {
        last = n
        const channel = new MessageChannel()
        channel.port1.onmessage = () => B.countChanges.push({ count: n, t: performance.now() })
        channel.port2.postMessage(0)
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    return last
  }
}
