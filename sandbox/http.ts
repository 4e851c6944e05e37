// Small HTTP helpers: reply builders, body reading, cookies.
import type { IncomingMessage } from "node:http";
import type { Reply } from "./types";
import type { AnswerShape } from "./faults";

const MAX_BODY_BYTES = 1024 * 1024;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, body: string, headers: Record<string, string | string[]> = {}): Reply {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
    body,
  };
}

export function redirect(location: string, status = 302, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { location, "cache-control": "no-store", ...headers }, body: "" };
}

/** Request context handed to every handler. */
export interface Ctx {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** Raw request body (read once, before routing). */
  body: Buffer;
  /** A fault's change to the answer's shape (faults.ts), if one applies. */
  shape?: AnswerShape;
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Media type of the request without parameters, lower-cased; "" if absent. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Parses an urlencoded form body (login, consent and token forms). */
export function formBody(ctx: Ctx): URLSearchParams {
  return new URLSearchParams(ctx.body.toString("utf8"));
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** Appends query parameters to a URI that may already have some. */
export function withParams(uri: string, params: [string, string][]): string {
  const u = new URL(uri);
  for (const [k, v] of params) u.searchParams.append(k, v);
  return u.toString();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
