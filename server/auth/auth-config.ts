/*
 * The sign-in part of the environment (SPEC §5). Parsed by loadConfig in server/config.ts, which is
 * platform-neutral (the app's tests run it in jsdom): the users file itself is read by
 * server/main.ts at start-up (checkUsersFile in users-file.ts).
 */

export interface OidcConfig {
  issuer: URL
  clientId: string
  clientSecret: string | null
  /** Shown on the button: `Sign in with <name>`; null → `Sign in with single sign-on`. */
  name: string | null
  /** Lower-case e-mail addresses and `@domain`s; empty lets every account of the IdP in. */
  allowed: string[]
}

export interface AuthConfig {
  usersFile: string | null
  oidc: OidcConfig | null
  sessionSecret: string
  /** Seconds a session lives without being used. */
  sessionTtl: number
  /** Where redirects and cookies point: PUBLIC_URL. */
  publicUrl: URL | null
}

export const AUTH_ENV = [
  'ROSTER_USERS_FILE',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_NAME',
  'OIDC_ALLOWED',
  'SESSION_SECRET',
  'SESSION_TTL',
  'ROSTER_OPEN',
] as const

type Env = Partial<Record<(typeof AUTH_ENV)[number], string>>

function parseIssuer(value: string, problems: string[]): URL | null {
  try {
    const url = new URL(value)
    if (url.protocol === 'https:' || (url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname))) return url
    problems.push('OIDC_ISSUER: must be an https URL (plain http only on a loopback address, for tests)')
  } catch {
    problems.push('OIDC_ISSUER: must be an absolute URL, such as https://id.example.com/realms/team')
  }
  return null
}

/** null when sign-in is off; problems are pushed, never a value (SESSION_SECRET, OIDC_CLIENT_SECRET are secrets). */
export function parseAuthEnv(raw: Env, publicUrl: URL | null, problems: string[]): AuthConfig | null {
  const usersFile = raw.ROSTER_USERS_FILE ?? null
  const wantsOidc = raw.OIDC_ISSUER !== undefined || raw.OIDC_CLIENT_ID !== undefined
  if (usersFile === null && !wantsOidc) {
    for (const name of ['SESSION_SECRET', 'OIDC_CLIENT_SECRET', 'OIDC_NAME', 'OIDC_ALLOWED'] as const) {
      if (raw[name] !== undefined) problems.push(`${name}: set, but sign-in is off (set ROSTER_USERS_FILE or OIDC_ISSUER)`)
    }
    return null
  }
  let oidc: OidcConfig | null = null
  if (wantsOidc) {
    if (raw.OIDC_ISSUER === undefined || raw.OIDC_CLIENT_ID === undefined) problems.push('OIDC_ISSUER and OIDC_CLIENT_ID must be set together')
    if (publicUrl === null) problems.push('PUBLIC_URL: required with OIDC_ISSUER (the redirect URL is <PUBLIC_URL>/auth/callback)')
    const issuer = raw.OIDC_ISSUER === undefined ? null : parseIssuer(raw.OIDC_ISSUER, problems)
    const allowed = (raw.OIDC_ALLOWED ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean)
    const bad = allowed.filter((item) => !/^[^@\s]*@[^@\s]+\.[^@\s]+$/.test(item))
    if (bad.length > 0) problems.push('OIDC_ALLOWED: must be a comma-separated list of e-mail addresses or @domains')
    if (issuer !== null && raw.OIDC_CLIENT_ID !== undefined) {
      oidc = { issuer, clientId: raw.OIDC_CLIENT_ID, clientSecret: raw.OIDC_CLIENT_SECRET ?? null, name: raw.OIDC_NAME ?? null, allowed }
    }
  }
  const secret = raw.SESSION_SECRET
  if (secret === undefined) problems.push('SESSION_SECRET: required when sign-in is on (at least 32 characters, e.g. openssl rand -base64 48)')
  else if (secret.length < 32) problems.push('SESSION_SECRET: must be at least 32 characters')
  let sessionTtl = 28_800
  if (raw.SESSION_TTL !== undefined) {
    sessionTtl = /^\d+$/.test(raw.SESSION_TTL) ? Number(raw.SESSION_TTL) : NaN
    if (!(sessionTtl >= 60 && sessionTtl <= 2_592_000)) problems.push('SESSION_TTL: must be a whole number of seconds from 60 to 2592000')
  }
  return { usersFile, oidc, sessionSecret: secret ?? '', sessionTtl, publicUrl }
}
