import type { Server } from 'node:http'
import Provider from 'oidc-provider'
import { freePort } from './servers'

// A real OpenID provider (panva's oidc-provider, OpenID-certified) on 127.0.0.1 for the sign-in tests.
// Its development interactions accept any login with any password: the login is the e-mail address.

export interface Idp {
  issuer: string
  clientId: string
  clientSecret: string
  stop: () => Promise<void>
}

export async function startIdp(redirectUri: string): Promise<Idp> {
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'roster-e2e'
  const clientSecret = `idp-secret-${Math.random().toString(36).slice(2)}`
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' }],
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // Claims in the ID token itself, as Keycloak, Google and Entra send them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['e2e-only-cookie-key'] },
  })
  const server: Server = await new Promise((resolve) => {
    const started = provider.listen(port, '127.0.0.1', () => resolve(started))
  })
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
