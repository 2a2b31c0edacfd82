/**
 * Fault scenarios for the demo API, chosen per request through the credentials
 * (`demo-token+limit3+t123`, tenant `demo+cap7`), so that parallel end-to-end
 * tests can each ask for their own faults without restarting the server or
 * sharing state. Unknown flags are ignored: a unique word gives a test its own
 * rate-limit bucket, which is keyed by the full credential.
 */
export interface Scenario {
  /** The credential exactly as sent, flags included. */
  readonly raw: string
  readonly flags: readonly string[]
  has(flag: string): boolean
  /** The number of a `<prefix><digits>` flag (`limit3` → 3), or undefined. */
  number(prefix: string): number | undefined
}

// Large enough for any test, small enough that a flag cannot make the demo allocate gigabytes.
const MAX_FLAG_NUMBER = 1_000_000

export function parseScenario(value: string | undefined, demoValue: string): Scenario | null {
  if (value === undefined) return null
  const [base, ...flags] = value.split('+')
  if (base !== demoValue) return null
  return {
    raw: value,
    flags,
    has: (flag) => flags.includes(flag),
    number(prefix) {
      for (const flag of flags) {
        const match = /^([a-z]+)(\d{1,9})$/.exec(flag)
        if (match && match[1] === prefix) return Math.min(Number(match[2]), MAX_FLAG_NUMBER)
      }
      return undefined
    },
  }
}

export function sleep(ms: number): Promise<void> {
  // No timer at all for 0, so tests with fake timers are not held up.
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** `slow<ms>` is capped so a scenario cannot hold a connection open for long. */
export function scenarioDelay(scenario: Scenario): number {
  return Math.min(scenario.number('slow') ?? 0, 60_000)
}
