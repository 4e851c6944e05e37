// Retry with exponential backoff and full jitter for transient Clever
// failures (429, 5xx, network), honouring Retry-After, never past a deadline.
// Framework-free and clock-injectable so it can be unit tested.

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch ms after which no new attempt starts. */
  deadline: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** [0, 1); injectable for deterministic tests. */
  random: () => number;
}

interface RetryableError {
  retryable: boolean;
  /** From a Retry-After header, when the server sent one. */
  retryAfterMs?: number;
}

export const defaultRetryPolicy = (): RetryPolicy => ({
  retries: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  deadline: Date.now() + 30_000,
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
});

function isRetryable(error: unknown): error is RetryableError {
  return typeof error === "object" && error !== null && "retryable" in error && error.retryable === true;
}

/** The wait before attempt `attempt` (1-based retry number). A server's
 * Retry-After wins over our own backoff (it knows its limits). */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter: spreads out the retries of many clients hit by the same outage.
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Runs `attempt` until it succeeds, fails permanently, runs out of retries,
 * or the next wait would cross the deadline (then the last error is thrown). */
export async function withRetry<T>(attempt: (number: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let number = 0; ; number++) {
    try {
      return await attempt(number);
    } catch (error) {
      if (!isRetryable(error) || number >= policy.retries) throw error;
      const delay = backoffDelay(number + 1, policy, error.retryAfterMs);
      if (policy.now() + delay >= policy.deadline) throw error;
      await policy.sleep(delay);
    }
  }
}
