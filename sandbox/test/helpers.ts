// Test helpers: an in-process sandbox with a controllable clock, and a tiny
// "browser" (cookie jar + HTML form parsing) that drives the sandbox's pages
// exactly as a user would: follow links, press buttons, never skip a step.
export { sleep } from "../http";
import { controlClient, type ControlClient } from "../control-client";
import { createSandbox, type Sandbox, type SandboxOptions } from "../server";
import type { AppRegistration } from "../types";

export const DEMO_APP: AppRegistration = {
  client_id: "demo-client-id",
  client_secret: "demo-client-secret",
  name: "Clever Classroom",
  redirect_uris: ["http://localhost:3000/api/auth/callback/clever", "http://localhost:3000/alt/callback"],
  user_types: ["teacher", "student", "school_admin", "district_admin"],
};

/** An app that supports students only (for Clever's unsupported-type error). */
export const STUDENT_APP: AppRegistration = {
  client_id: "student-only-client",
  client_secret: "student-only-secret",
  name: "Student Only App",
  redirect_uris: ["http://localhost:3100/callback"],
  user_types: ["student"],
};

export const PRIMARY = DEMO_APP.redirect_uris[0] as string;
export const SECONDARY = DEMO_APP.redirect_uris[1] as string;

export interface TestSandbox extends Sandbox {
  clock: { now: number };
  advance(ms: number): void;
}

/** A sandbox on a frozen clock (advance() moves it); `realClock` adds the real time passing on top. */
export async function startSandbox(
  opts: Omit<SandboxOptions, "clock" | "port"> & { realClock?: boolean } = {},
): Promise<TestSandbox> {
  const clock = { now: Date.parse("2025-03-03T15:00:00.000Z") };
  const started = Date.now();
  const { realClock, ...rest } = opts;
  const sandbox = await createSandbox({
    ...rest,
    port: 0,
    clock: realClock ? () => clock.now + (Date.now() - started) : () => clock.now,
    apps: opts.apps ?? [DEMO_APP, STUDENT_APP],
    mode: opts.mode ?? "test",
  });
  return Object.assign(sandbox, {
    clock,
    advance(ms: number) {
      clock.now += ms;
    },
  });
}

/** Starts a sandbox and its control client before a file's (or a describe
 * block's) tests and closes it after them; `use` receives both. */
export function withSandbox(
  hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void },
  use: (sandbox: TestSandbox, clever: ControlClient) => void,
  opts: Parameters<typeof startSandbox>[0] = {},
): void {
  let started: TestSandbox | undefined;
  hooks.beforeAll(async () => {
    started = await startSandbox(opts);
    use(started, controlClient({ url: started.url, clientId: DEMO_APP.client_id }));
  });
  hooks.afterAll(async () => {
    await started?.close();
  });
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
}

export const DEMO_BASIC = basic(DEMO_APP.client_id, DEMO_APP.client_secret);

// ------------------------------------------------------------------- HTML

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decodeEntities(m[1]);
}

export interface Form {
  action: string;
  method: string;
  fields: [string, string][];
  buttons: { name?: string; value?: string; text: string }[];
}

export function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = m[1] ?? "";
    const inner = m[2] ?? "";
    const fields: [string, string][] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const tag = input[0];
      const name = attr(tag, "name");
      if (name === undefined) continue;
      const type = attr(tag, "type") ?? "text";
      if (type === "hidden" || type === "text" || type === "search") fields.push([name, attr(tag, "value") ?? ""]);
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((b) => ({
      name: attr(b[1] ?? "", "name"),
      value: attr(b[1] ?? "", "value"),
      text: decodeEntities((b[2] ?? "").replace(/<[^>]+>/g, "").trim()),
    }));
    forms.push({ action: attr(open, "action") ?? "", method: (attr(open, "method") ?? "get").toUpperCase(), fields, buttons });
  }
  return forms;
}

export function parseLinks(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: attr(m[1] ?? "", "href") ?? "",
    text: decodeEntities((m[2] ?? "").replace(/<[^>]+>/g, "").trim()),
  }));
}

// ---------------------------------------------------------------- browser

export interface Page {
  status: number;
  url: string;
  headers: Headers;
  html: string;
  location: string | null;
}

/** A cookie-keeping client that never follows redirects by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = (pair ?? "").indexOf("=");
      if (eq < 0) continue;
      const name = (pair ?? "").slice(0, eq).trim();
      const value = (pair ?? "").slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }

  async request(method: string, url: string, body?: URLSearchParams): Promise<Page> {
    const target = new URL(url, this.base).toString();
    const res = await fetch(target, {
      method,
      redirect: "manual",
      headers: {
        accept: "text/html",
        ...this.cookieHeader(),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: body?.toString(),
    });
    this.remember(res);
    return { status: res.status, url: target, headers: res.headers, html: await res.text(), location: res.headers.get("location") };
  }

  get(url: string): Promise<Page> {
    return this.request("GET", url);
  }

  /** Submits the form containing the button whose text is `buttonText` (or the form's default). */
  async press(page: Page, buttonText: string): Promise<Page> {
    for (const form of parseForms(page.html)) {
      const button = form.buttons.find((b) => b.text === buttonText);
      if (!button) continue;
      const params = new URLSearchParams(form.fields);
      if (button.name !== undefined) params.append(button.name, button.value ?? "");
      const action = new URL(form.action || page.url, page.url).toString();
      if (form.method === "POST") return this.request("POST", action, params);
      const u = new URL(action);
      u.search = params.toString();
      return this.get(u.toString());
    }
    const all = parseForms(page.html).flatMap((f) => f.buttons.map((b) => b.text));
    throw new Error(`no button "${buttonText}" on ${page.url}; buttons: ${all.slice(0, 20).join(" | ")}`);
  }

  /** Fills the search field of a GET form and submits it. */
  async search(page: Page, field: string, value: string): Promise<Page> {
    const form = parseForms(page.html).find((f) => f.fields.some(([k]) => k === field));
    if (!form) throw new Error(`no form with field ${field}`);
    const params = new URLSearchParams(form.fields.map(([k, v]): [string, string] => [k, k === field ? value : v]));
    const u = new URL(form.action || page.url, page.url);
    u.search = params.toString();
    return this.get(u.toString());
  }

  async clickLink(page: Page, text: string): Promise<Page> {
    const link = parseLinks(page.html).find((l) => l.text === text);
    if (!link) throw new Error(`no link "${text}" on ${page.url}`);
    return this.get(new URL(link.href, page.url).toString());
  }

  /** Follows redirects within the sandbox; stops at the first one leaving it (returned as `location`). */
  async follow(page: Page): Promise<Page> {
    let current = page;
    for (let i = 0; i < 10; i++) {
      if (current.status < 300 || current.status >= 400 || !current.location) return current;
      const next = new URL(current.location, current.url);
      if (next.origin !== new URL(this.base).origin) return current;
      current = await this.get(next.toString());
    }
    throw new Error("too many redirects");
  }
}

/** The query of an app redirect (the code, scope, state, error). */
export function redirectParams(page: Page): URLSearchParams {
  if (!page.location) throw new Error(`expected a redirect, got ${page.status}: ${page.html.slice(0, 300)}`);
  return new URL(page.location).searchParams;
}

export function loginButton(name: string, type: string): string {
  return `Log in as ${name} (${type})`;
}

export interface TokenResult {
  status: number;
  body: Record<string, unknown>;
}

export async function exchangeCode(
  base: string,
  code: string,
  redirectUri: string = PRIMARY,
  auth: string = DEMO_BASIC,
): Promise<TokenResult> {
  const res = await fetch(`${base}/oauth/tokens`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ code, grant_type: "authorization_code", redirect_uri: redirectUri }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A user token for a fixture user through the Instant Login shortcut (consent pre-granted). */
export async function userToken(sb: Sandbox, userId: string, clientId = DEMO_APP.client_id): Promise<string> {
  const browser = new Browser(sb.url);
  const page = await browser.get(`/instant-login?client_id=${clientId}&user_id=${userId}&consent=allow`);
  const code = redirectParams(page).get("code");
  if (!code) throw new Error(`no code: ${page.status} ${page.location}`);
  const app = sb.store.apps.get(clientId);
  if (!app) throw new Error("unknown app");
  const t = await exchangeCode(sb.url, code, app.redirect_uris[0], basic(app.client_id, app.client_secret));
  const token = t.body.access_token;
  if (typeof token !== "string") throw new Error(`token exchange failed: ${JSON.stringify(t.body)}`);
  return token;
}

export async function districtToken(sb: Sandbox): Promise<string> {
  const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district`, { headers: { authorization: DEMO_BASIC } });
  const body = (await res.json()) as { data: { access_token: string }[] };
  const token = body.data[0]?.access_token;
  if (!token) throw new Error("no district token");
  return token;
}

export async function api(
  sb: Sandbox,
  token: string | undefined,
  path: string,
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const res = await fetch(`${sb.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** Clever's JSON 404 (out of scope, unshared, deleted). */
export function expectJson404(r: { status: number; headers: Headers; body: unknown }, where: string): void {
  if (r.status !== 404 || !(r.headers.get("content-type") ?? "").startsWith("application/json") || r.body === undefined) {
    throw new Error(`${where}: expected a JSON 404, got ${r.status} ${r.headers.get("content-type")}`);
  }
}

/** Clever's HTML 404 (an endpoint this token type may never use, or no such endpoint). */
export function expectHtml404(r: { status: number; headers: Headers }, where: string): void {
  if (r.status !== 404 || !(r.headers.get("content-type") ?? "").startsWith("text/html")) {
    throw new Error(`${where}: expected an HTML 404, got ${r.status} ${r.headers.get("content-type")}`);
  }
}

/** Typed accessors for list/single bodies. */
export function listIds(body: unknown): string[] {
  const data = (body as { data: { data: { id: string } }[] }).data;
  return data.map((d) => d.data.id);
}

export function links(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of (body as { links: { rel: string; uri: string }[] }).links) out[l.rel] = l.uri;
  return out;
}
