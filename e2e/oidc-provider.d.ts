// The few parts of oidc-provider (a devDependency, JavaScript without types) the e2e tests use.
declare module 'oidc-provider' {
  import type { Server } from 'node:http'
  export interface ProviderConfiguration {
    clients: Record<string, unknown>[]
    findAccount: (ctx: unknown, id: string) => Promise<{ accountId: string; claims: () => Promise<Record<string, unknown>> }>
    [option: string]: unknown
  }
  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration)
    listen(port: number, host: string, callback?: () => void): Server
    on(event: string, listener: (...args: unknown[]) => void): this
  }
}
