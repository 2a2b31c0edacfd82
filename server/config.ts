import * as v from 'valibot'
import { AUTH_ENV, parseAuthEnv, type AuthConfig } from './auth/auth-config.ts'

export type LogLevel = 'info' | 'warn' | 'silent'

export interface ServerConfig {
  host: string
  port: number
  clients: { url: URL | null; token: string | null }
  bluedolphin: { url: URL | null; apiKey: string | null; tenant: string | null }
  proxyTimeoutMs: number
  /** The most bytes (decoded) the proxy passes on from one upstream answer. */
  proxyMaxBody: number
  /** The address people use (`PUBLIC_URL`); its host is always allowed, its scheme decides HSTS. */
  publicUrl: URL | null
  /** Further `Host` names this server answers to (`ALLOWED_HOSTS`), lower case, each `name` or `name:port`. */
  allowedHosts: string[]
  demo: {
    /** The largest dataset a demo flag or setting may ask for. */
    maxRecords: number
    seed: number
    clients: number
    users: number
    latencyMs: number
    rateLimit: number
    rateWindowMs: number
  }
  logLevel: LogLevel
  /** Sign-in (SPEC §5); absent or null when off. */
  auth?: AuthConfig | null
  /** ROSTER_OPEN=1: serve server-held credentials on a non-loopback HOST without sign-in. */
  open?: boolean
  /** Things worth saying at start-up that are not fatal. */
  warnings: string[]
}

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

// Unset variables are absent from the object (see blankToUnset): each schema's default stands in for them.
function wholeNumber(fallback: number, min: number, max: number) {
  return v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^-?\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )
}

// A base URL is joined with a request path later, so a query, fragment or
// embedded user:password would change what the joined URL means. Unset is null.
const baseUrl = v.nullish(
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset: { value }, addIssue, NEVER }) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        addIssue({ message: 'must be an absolute http(s) URL' })
        return NEVER
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        addIssue({ message: 'must start with http:// or https://' })
      } else if (url.username || url.password) {
        addIssue({ message: 'must not contain a user name or password' })
      } else if (url.search || url.hash || value.includes('?') || value.includes('#')) {
        addIssue({ message: 'must not contain a query string or fragment' })
      } else {
        url.pathname = url.pathname.replace(/\/+$/, '')
        return url
      }
      return NEVER
    }),
  ),
  null,
)

// The address people use: only its origin counts, so a path, query or user info is a mistake worth naming.
const publicUrl = v.nullish(
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset: { value }, addIssue, NEVER }) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        addIssue({ message: 'must be an absolute http(s) URL, such as https://roster.example.com' })
        return NEVER
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') addIssue({ message: 'must start with http:// or https://' })
      else if (url.username || url.password || url.search || url.hash) addIssue({ message: 'must be only a scheme, host and port' })
      else return url
      return NEVER
    }),
  ),
  null,
)

// A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port.
const HOST_NAME = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/

// Header values cannot hold control characters; catch that here rather than on the first request. Unset is null.
const credential = v.nullish(
  // eslint-disable-next-line no-control-regex
  v.pipe(v.string(), v.regex(/^[^\x00-\x1f\x7f]+$/, 'must not contain control characters')),
  null,
)

const schema = v.object({
  HOST: v.optional(v.string(), '127.0.0.1'),
  PORT: wholeNumber(8080, 0, 65535),
  CLIENTS_API_URL: baseUrl,
  CLIENTS_API_TOKEN: credential,
  BLUEDOLPHIN_API_URL: baseUrl,
  BLUEDOLPHIN_API_KEY: credential,
  BLUEDOLPHIN_TENANT: credential,
  PROXY_TIMEOUT_MS: wholeNumber(15_000, 1, 600_000),
  PROXY_MAX_BODY: wholeNumber(1_073_741_824, 1024, 17_179_869_184),
  PUBLIC_URL: publicUrl,
  ALLOWED_HOSTS: v.optional(
    v.pipe(
      v.string(),
      v.transform((value) => value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean)),
      v.check((names) => names.every((name) => HOST_NAME.test(name)), 'must be a comma-separated list of host names, each with an optional :port'),
    ),
    '',
  ),
  DEMO_MAX_RECORDS: wholeNumber(200_000, 0, 1_000_000),
  DEMO_SEED: wholeNumber(42, -2_147_483_648, 4_294_967_295),
  DEMO_CLIENTS: wholeNumber(2000, 0, 1_000_000),
  DEMO_USERS: wholeNumber(1250, 0, 1_000_000),
  DEMO_LATENCY_MS: wholeNumber(0, 0, 60_000),
  DEMO_RATE_LIMIT: wholeNumber(100, 1, 1_000_000),
  DEMO_RATE_WINDOW_MS: wholeNumber(900_000, 1000, 86_400_000),
  LOG_LEVEL: v.optional(v.picklist(['info', 'warn', 'silent'], 'must be info, warn or silent'), 'info'),
})

type Parsed = v.InferOutput<typeof schema>

function blankToUnset(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const key of Object.keys(schema.entries)) {
    const value = env[key]?.trim()
    if (value) result[key] = value
  }
  return result
}

// Checked on the raw values so that they are listed together with the schema's problems.
function pairingProblems(raw: Record<string, string>): string[] {
  const hasKey = raw.BLUEDOLPHIN_API_KEY !== undefined
  const hasTenant = raw.BLUEDOLPHIN_TENANT !== undefined
  // Half of a credential pair would mix a server key with a browser tenant: refuse instead.
  if (raw.BLUEDOLPHIN_API_URL !== undefined && hasKey !== hasTenant) {
    return ['BLUEDOLPHIN_API_KEY and BLUEDOLPHIN_TENANT must be set together']
  }
  return []
}

function warningsFor(parsed: Parsed, raw: Record<string, string>): string[] {
  const warnings: string[] = []
  if (parsed.CLIENTS_API_URL === null && parsed.CLIENTS_API_TOKEN !== null) {
    warnings.push('CLIENTS_API_TOKEN is ignored: CLIENTS_API_URL is unset, so /api/clients is the demo API')
  }
  const bd = parsed.BLUEDOLPHIN_API_URL
  const key = parsed.BLUEDOLPHIN_API_KEY
  const tenant = parsed.BLUEDOLPHIN_TENANT
  if (bd === null && (key !== null || tenant !== null)) {
    warnings.push(
      'BLUEDOLPHIN_API_KEY/BLUEDOLPHIN_TENANT are ignored: BLUEDOLPHIN_API_URL is unset, so /api/bluedolphin is the demo API',
    )
  }
  for (const [name, url] of [
    ['CLIENTS_API_URL', parsed.CLIENTS_API_URL],
    ['BLUEDOLPHIN_API_URL', bd],
  ] as const) {
    if (url?.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
      warnings.push(`${name} is plain http: credentials travel to ${url.host} unencrypted`)
    }
  }
  if (!isLoopbackName(parsed.HOST) && parsed.PUBLIC_URL === null && (parsed.ALLOWED_HOSTS as string[]).length === 0) {
    warnings.push(
      `HOST is ${parsed.HOST}, but only loopback names are answered (others get 421): set PUBLIC_URL to the address people use, or ALLOWED_HOSTS`,
    )
  }
  for (const name of ['DEMO_CLIENTS', 'DEMO_USERS'] as const) {
    if (raw[name] !== undefined && parsed[name] > parsed.DEMO_MAX_RECORDS) warnings.push(`${name} is capped at DEMO_MAX_RECORDS (${parsed.DEMO_MAX_RECORDS})`)
  }
  return warnings
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 or ::1, with or without brackets; no port. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (name === '::1' || name === '[::1]') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/** Parses the environment once at start-up; throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const raw = blankToUnset(env)
  const result = v.safeParse(schema, raw)
  const problems: string[] = []
  // Values are never echoed: some of these variables are secrets. Every message that a string can get is the
  // schema's own; valibot's defaults would quote the value.
  if (!result.success) {
    for (const issue of result.issues) problems.push(`${(issue.path ?? []).map((item) => String(item.key)).join('.')}: ${issue.message}`)
  }
  problems.push(...pairingProblems(raw))
  const authRaw = Object.fromEntries(AUTH_ENV.map((name) => [name, env[name]?.trim() || undefined]).filter(([, value]) => value !== undefined))
  const auth = result.success ? parseAuthEnv(authRaw, result.output.PUBLIC_URL, problems) : null
  if (!result.success || problems.length > 0) throw new ConfigError(problems)
  const parsed = result.output
  const open = authRaw.ROSTER_OPEN === '1'
  const serverHeld = (parsed.CLIENTS_API_URL !== null && parsed.CLIENTS_API_TOKEN !== null) || (parsed.BLUEDOLPHIN_API_URL !== null && parsed.BLUEDOLPHIN_API_KEY !== null)
  // Safe by default (SPEC §5): whoever reaches the port would read every client's personal data.
  if (serverHeld && auth === null && !isLoopbackName(parsed.HOST) && !open) {
    throw new ConfigError([
      `HOST is ${parsed.HOST} and the server holds API credentials, but sign-in is off: anyone who reaches the port would read the data. ` +
        'Set ROSTER_USERS_FILE and/or OIDC_ISSUER with SESSION_SECRET to require sign-in, or ROSTER_OPEN=1 if something in front already authenticates',
    ])
  }

  const clientsUrl = parsed.CLIENTS_API_URL
  const bdUrl = parsed.BLUEDOLPHIN_API_URL
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    clients: { url: clientsUrl, token: clientsUrl ? parsed.CLIENTS_API_TOKEN : null },
    bluedolphin: {
      url: bdUrl,
      apiKey: bdUrl ? parsed.BLUEDOLPHIN_API_KEY : null,
      tenant: bdUrl ? parsed.BLUEDOLPHIN_TENANT : null,
    },
    proxyTimeoutMs: parsed.PROXY_TIMEOUT_MS,
    proxyMaxBody: parsed.PROXY_MAX_BODY,
    publicUrl: parsed.PUBLIC_URL,
    allowedHosts: parsed.ALLOWED_HOSTS as string[],
    demo: {
      maxRecords: parsed.DEMO_MAX_RECORDS,
      seed: parsed.DEMO_SEED >>> 0,
      clients: Math.min(parsed.DEMO_CLIENTS, parsed.DEMO_MAX_RECORDS),
      users: Math.min(parsed.DEMO_USERS, parsed.DEMO_MAX_RECORDS),
      latencyMs: parsed.DEMO_LATENCY_MS,
      rateLimit: parsed.DEMO_RATE_LIMIT,
      rateWindowMs: parsed.DEMO_RATE_WINDOW_MS,
    },
    logLevel: parsed.LOG_LEVEL,
    auth,
    open,
    warnings: [
      ...warningsFor(parsed, raw),
      ...(open && auth === null && serverHeld && !isLoopbackName(parsed.HOST)
        ? [`ROSTER_OPEN=1: server-held credentials are served on ${parsed.HOST} without sign-in; whoever reaches the port reads the data`]
        : []),
    ],
  }
}
