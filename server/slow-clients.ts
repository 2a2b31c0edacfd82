import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/**
 * A client that sends its headers or its body slowly holds a connection (and Node's default
 * would wait 300 s for a body): headers must arrive within `ms` of the connection, and the
 * body within `ms` of the headers. Each cut-off is logged.
 */
export function cutOffSlowClients(server: Server, ms: number, log: (line: string) => void): void {
  server.headersTimeout = ms
  // A backstop for the whole request; the timer below is the exact rule for bodies.
  server.requestTimeout = 2 * ms
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const timer = setTimeout(() => {
      if (req.complete) return
      log(`${req.method} refused: the request body did not arrive within ${ms / 1000} s`)
      req.socket.destroy()
    }, ms)
    timer.unref()
    res.once('close', () => clearTimeout(timer))
  })
}
