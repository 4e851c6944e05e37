// App registrations and runtime settings, from the environment or a JSON file.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_GENERATED_STUDENTS, type DistrictSize, districtSizeSchema } from "./generated-district";
import type { AppRegistration, SandboxMode } from "./types";

const DEFAULT_CLIENT_ID = "demo-client-id";
const DEFAULT_CLIENT_SECRET = "demo-client-secret";
const DEFAULT_REDIRECT_URI = "http://localhost:3000/api/auth/callback/clever";
const DEFAULT_APP_NAME = "Clever Classroom";

const userType = z.enum(["teacher", "student", "school_admin", "district_admin"]);

export const appRegistrationSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  name: z.string().min(1),
  redirect_uris: z.array(z.string().url()).min(1),
  user_types: z.array(userType).min(1),
  district_connected: z.boolean().optional(),
  oidc: z.boolean().optional(),
});

const appsFileSchema = z.union([z.array(appRegistrationSchema), z.object({ apps: z.array(appRegistrationSchema) })]);

type Env = Record<string, string | undefined>;

/** The demo app the CLI registers when no apps file is given. */
export function demoApp(env: Env = {}): AppRegistration {
  const uris = (env.CLEVER_REDIRECT_URIS ?? DEFAULT_REDIRECT_URI)
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  return {
    client_id: env.CLEVER_CLIENT_ID || DEFAULT_CLIENT_ID,
    client_secret: env.CLEVER_CLIENT_SECRET || DEFAULT_CLIENT_SECRET,
    name: DEFAULT_APP_NAME,
    redirect_uris: uris.length > 0 ? uris : [DEFAULT_REDIRECT_URI],
    // All four types: the app itself shows admins their page.
    user_types: ["teacher", "student", "school_admin", "district_admin"],
    // SANDBOX_OIDC=true: the demo app has OIDC enabled (id_tokens for district logins).
    ...(env.SANDBOX_OIDC === "true" ? { oidc: true } : {}),
  };
}

/** Apps from SANDBOX_APPS_FILE (a JSON array, or {apps: [...]}) or the demo app. */
export function loadApps(env: Env = process.env): AppRegistration[] {
  const file = env.SANDBOX_APPS_FILE;
  if (!file) return [demoApp(env)];
  const parsed = appsFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const apps = Array.isArray(parsed) ? parsed : parsed.apps;
  if (apps.length === 0) throw new Error(`${file}: no apps registered`);
  return apps;
}

/** SANDBOX_STRICT=false plays today's lenient answers (403s, wide Library reads); default strict. */
export function loadStrict(env: Env = process.env): boolean {
  const v = env.SANDBOX_STRICT;
  if (v === undefined || v === "" || v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw new Error(`SANDBOX_STRICT must be true or false (got ${v})`);
}

export function loadMode(env: Env = process.env, fallback: SandboxMode = "demo"): SandboxMode {
  const mode = env.SANDBOX_MODE;
  if (mode === undefined || mode === "") return fallback;
  if (mode === "test" || mode === "demo" || mode === "production") return mode;
  throw new Error(`SANDBOX_MODE must be test, demo or production (got ${mode})`);
}

/**
 * The CLI's options (`npm run sandbox -- --students 50000 [--teachers N]
 * [--sections N] [--schools N] [--seed N]`): any of them adds a generated
 * district (students default 50,000; the other counts in proportion).
 * Unknown options and non-integers are refused.
 */
export function parseCliArgs(argv: string[]): { generatedDistrict?: DistrictSize } {
  const names = ["students", "teachers", "sections", "schools", "seed"] as const;
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
    strict: true,
    allowPositionals: false,
  });
  const given: Record<string, number> = {};
  for (const name of names) {
    const raw = values[name];
    if (raw === undefined) continue;
    if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number (got ${String(raw)})`);
    given[name] = Number(raw);
  }
  if (Object.keys(given).length === 0) return {};
  return { generatedDistrict: districtSizeSchema.parse({ students: DEFAULT_GENERATED_STUDENTS, ...given }) };
}

/** Clever's lifetimes (seed 003: codes 1 minute, tokens 24 h, sessions 2 h). */
export const CODE_TTL_MS = 60_000;
export const TOKEN_TTL_MS = 24 * 60 * 60_000;
export const SESSION_TTL_MS = 2 * 60 * 60_000;

export const SESSION_COOKIE = "clever_session";

/** Paging limits from Clever's "Pagination and Response Limits". */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 10_000;

/** Clever keeps a district's events for 30 days ("Updating Data with Events": "How long are events stored?"). */
export const EVENTS_WINDOW_MS = 30 * 24 * 60 * 60_000;
