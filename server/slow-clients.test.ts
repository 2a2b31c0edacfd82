import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { cutOffSlowClients } from './slow-clients.ts'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

/** Sends `head`, then nothing more; resolves with how the server ended the connection. */
function stall(port: number, head: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('close', () => resolve(answer === '' ? 'closed' : answer.split('\r\n')[0]!))
    socket.write(head)
  })
}

async function start(ms: number) {
  const lines: string[] = []
  server = createServer({ connectionsCheckingInterval: 50 }, (req, res) => {
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  cutOffSlowClients(server, ms, (line) => lines.push(line))
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, lines }
}

it('closes a connection whose body stops coming, and logs it', async () => {
  const { port, lines } = await start(300)
  const ended = await stall(port, 'POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\npart')
  expect(ended).toBe('closed')
  expect(lines).toEqual(['POST refused: the request body did not arrive within 0.3 s'])
})

it('answers a slow header block with 408', async () => {
  const { port } = await start(300)
  expect(await stall(port, 'GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n')).toBe('HTTP/1.1 408 Request Timeout')
})

it('leaves a complete request alone however long its answer takes', async () => {
  const { port, lines } = await start(300)
  server!.removeAllListeners('request')
  cutOffSlowClients(server!, 300, (line) => lines.push(line))
  server!.on('request', (_req, res) => setTimeout(() => res.end('late'), 600))
  const answer = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      data += chunk
      if (data.endsWith('late')) resolve(data)
    })
    socket.write('GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  })
  expect(answer).toMatch(/^HTTP\/1\.1 200/)
  expect(lines).toEqual([])
})
