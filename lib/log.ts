// Structured JSON logs (pino). Tokens, secrets, codes and cookies are redacted
// wherever they appear in a logged object; never log them on purpose either.
import "server-only";
import { randomBytes } from "node:crypto";
import pino from "pino";

const redactedKeys = ["access_token", "accessToken", "token", "code", "client_secret", "clientSecret", "secret", "password", "authorization", "cookie", "ciphertext", "state"];

/** The app's logger; `destination` lets tests capture what it writes. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "clever-classroom" },
      redact: {
        paths: [...redactedKeys, ...redactedKeys.map((key) => `*.${key}`), ...redactedKeys.map((key) => `*.*.${key}`)],
        censor: "[redacted]",
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();

/** A short reference a person can read out to support ("ERR-7F3K2Q"), also
 * written to the log line that holds the details. No 0/O or 1/I confusion. */
export function newReference(prefix = "ERR"): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(6);
  return `${prefix}-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

/** The logger for the current request: every line carries the request ID the
 * proxy assigned (and returned to the client as `x-request-id`). Outside a
 * request (scripts, background work) it is the plain logger. */
export async function requestLog(): Promise<pino.Logger> {
  try {
    const { headers } = await import("next/headers");
    const requestId = (await headers()).get("x-request-id");
    return requestId ? log.child({ requestId }) : log;
  } catch {
    return log;
  }
}
