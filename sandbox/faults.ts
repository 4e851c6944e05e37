// Fault injection and added latency, so the app's retry, timeout and error
// paths can be tested against a misbehaving Clever. Never applies to the
// control API (/sandbox/*), which must stay reachable to clear faults.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { json } from "./http";
import { ID_TOKEN_FORGERIES } from "./oidc";
import type { Reply } from "./types";

export const faultSpecSchema = z
  .object({
    /** A path prefix ("/v2.0/sections") or a regular expression ("^/v2\\.0/sections/[^/]+/students"). */
    path: z.string().min(1),
    /** Only this HTTP method (default: any). */
    method: z.string().optional(),
    status: z.number().int().min(400).max(599).optional(),
    /** Retry-After header, seconds (with status 429/503). */
    retryAfter: z.number().int().min(0).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    body: z.enum(["malformed", "truncated"]).optional(),
    hang: z.boolean().optional(),
    /** Apply to the next N matching requests; default: until cleared. */
    times: z.number().int().min(1).optional(),
    /** Only requests made for this Clever user: Data API calls with their
     * token, and the exchange of a code issued to them. Lets tests that run in
     * parallel inject faults without hitting each other's logins. */
    user: z.string().min(1).optional(),
    /** POST /oauth/tokens of an OIDC app: answer normally but with this forged id_token. */
    idToken: z.enum(ID_TOKEN_FORGERIES).optional(),
    /** /me answered normally but in another shape Clever is recorded in:
     * "demo" (Clever's demo token: `{data: {id, district, type}}` alone) or
     * "user" (`type: "user"` inside `data` too: only the user's record
     * tells the role). */
    me: z.enum(["demo", "user"]).optional(),
    /** /userinfo answered normally but with this `user_type` (one the app
     * may not know). */
    userType: z.string().min(1).max(40).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** The parts of a fault that change an answer's shape, not its status. */
export type AnswerShape = Pick<FaultSpec, "me" | "userType">;

export interface Fault extends FaultSpec {
  id: string;
  remaining: number | null;
  hits: number;
}

export class Faults {
  private faults: Fault[] = [];
  /** Added to every non-control request (benchmarks use 50 ms). */
  globalLatencyMs = 0;

  add(spec: FaultSpec): Fault {
    // Validate a regex now so a bad one fails the POST, not later requests.
    toRegex(spec.path);
    const fault: Fault = { ...spec, id: randomBytes(6).toString("hex"), remaining: spec.times ?? null, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  /** Every fault, or only those scoped to `user`. */
  clear(user?: string): void {
    this.faults = user === undefined ? [] : this.faults.filter((f) => f.user !== user);
  }

  /** The first fault matching the request; consumes one of its `times`.
   * `userOf` names the Clever user the request is for (asked only when a
   * fault is scoped to a user). */
  take(method: string, pathAndQuery: string, userOf: () => string | undefined = () => undefined): Fault | undefined {
    const pathname = pathAndQuery.split("?")[0] ?? pathAndQuery;
    const fault = this.faults.find(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.user === undefined || f.user === userOf()) &&
        (pathname.startsWith(f.path) || (toRegex(f.path)?.test(pathAndQuery) ?? false)),
    );
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}

const regexCache = new Map<string, RegExp | null>();

/** The path as a regular expression, or null when it is not a valid one (prefix only). */
function toRegex(path: string): RegExp | null {
  let re = regexCache.get(path);
  if (re === undefined) {
    try {
      re = new RegExp(path);
    } catch {
      re = null;
    }
    regexCache.set(path, re);
  }
  return re;
}

/** The reply a status fault sends instead of the real one. */
export function statusFaultReply(fault: Fault): Reply | undefined {
  if (fault.status === undefined) return undefined;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  const message =
    fault.status === 429 ? "Too Many Requests" : fault.status === 503 ? "Service Unavailable" : "Internal Server Error";
  return json(fault.status, { error: message, message }, headers);
}

/** A malformed body: the real one cut in half (so never valid JSON), correctly framed. */
export function malformed(body: string): string {
  return body.length > 1 ? body.slice(0, Math.floor(body.length / 2)) : "{";
}
