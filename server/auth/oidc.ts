import * as client from 'openid-client'
import type { OidcConfig } from './auth-config.ts'

/*
 * Single sign-on with openid-client (panva, OpenID-certified): authorization code flow with
 * PKCE, state and nonce. Discovery happens on the first use and is retried after a failure,
 * so an IdP that is down at start-up does not stop Roster.
 */

export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  next: string
}

/** The IdP could not be reached or answered nonsense: the sign-in page says so. */
export class IdpUnavailable extends Error {
  constructor(cause: unknown) {
    super('The identity provider did not answer', { cause })
    this.name = 'IdpUnavailable'
  }
}

/** The IdP answered, but this person may not enter (or the answer did not check out). */
export class SsoRefused extends Error {
  constructor(readonly reason: 'not-allowed' | 'failed', detail: string) {
    super(detail)
    this.name = 'SsoRefused'
  }
}

const TIMEOUT_SECONDS = 10

export class Sso {
  private configuration: Promise<client.Configuration> | null = null
  readonly redirectUri: string

  constructor(
    private readonly config: OidcConfig,
    publicUrl: URL,
  ) {
    this.redirectUri = new URL('/auth/callback', publicUrl).href
  }

  private discover(): Promise<client.Configuration> {
    if (this.configuration === null) {
      const { issuer, clientId, clientSecret } = this.config
      const insecure = issuer.protocol === 'http:' // only loopback issuers get here (auth-config.ts)
      this.configuration = client
        .discovery(issuer, clientId, clientSecret ?? undefined, clientSecret ? client.ClientSecretPost(clientSecret) : client.None(), {
          timeout: TIMEOUT_SECONDS,
          execute: insecure ? [client.allowInsecureRequests] : [],
        })
        .catch((error: unknown) => {
          this.configuration = null
          throw new IdpUnavailable(error)
        })
    }
    return this.configuration
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async start(next: string): Promise<{ url: URL; pending: PendingLogin }> {
    const configuration = await this.discover()
    const codeVerifier = client.randomPKCECodeVerifier()
    const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, next }
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    })
    return { url, pending }
  }

  /** Checks the callback (state, PKCE, nonce, ID token) and returns who signed in. */
  async finish(callbackUrl: URL, pending: PendingLogin): Promise<string> {
    const configuration = await this.discover()
    let claims: client.IDToken | undefined
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      claims = tokens.claims()
    } catch (error) {
      if (unreachable(error)) throw new IdpUnavailable(error)
      throw new SsoRefused('failed', error instanceof Error ? error.name : 'error')
    }
    if (claims === undefined) throw new SsoRefused('failed', 'no ID token')
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null
    const verified = claims.email_verified !== false
    if (this.config.allowed.length > 0 && !(email !== null && verified && isAllowed(email, this.config.allowed))) {
      throw new SsoRefused('not-allowed', email ?? claims.sub)
    }
    return email ?? (typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub)
  }
}

/** A network failure or a timeout somewhere in the cause chain. */
function unreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || (e instanceof TypeError && /fetch failed/i.test(e.message))) return true
  }
  return false
}

/** `alice@example.com` matches itself and `@example.com`. */
export function isAllowed(email: string, allowed: string[]): boolean {
  const address = email.toLowerCase()
  const domain = address.slice(address.lastIndexOf('@'))
  return allowed.some((entry) => (entry.startsWith('@') ? entry === domain : entry === address))
}
