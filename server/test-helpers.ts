import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Hono } from 'hono'

/** Test-only helpers (not imported by the server). */

export interface UpstreamCall {
  url: URL
  method: string
  headers: Headers
}

/** A fetch stand-in that records what would have gone upstream. */
export function stubFetch(respond: (url: URL) => Response | Promise<Response> = () => Response.json({ ok: true })) {
  const calls: UpstreamCall[] = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    calls.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers) })
    return respond(url)
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

export async function listen(app: Hono): Promise<{ server: ServerType; port: number; close: () => Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started))
  })
  const port = (server.address() as AddressInfo).port
  const close = () =>
    new Promise<void>((resolve) => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      server.close(() => resolve())
    })
  return { server, port, close }
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const { Hono } = await import('hono')
  const { port, close } = await listen(new Hono())
  await close()
  return port
}

/**
 * An HTTP request with the path sent exactly as given: fetch and `new URL` would
 * normalise `..`, `%2e%2e` and backslashes before the server ever saw them.
 */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}
