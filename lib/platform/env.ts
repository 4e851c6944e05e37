// All configuration, read once and validated with zod. A missing or malformed
// variable stops start-up with one line per problem (see `formatEnvErrors`).
import { z } from "zod";
import { isAddressOrRange } from "@/lib/platform/client-address";
import { originPattern } from "@/lib/platform/origins";

const csv = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** `kid:base64key` pairs; the first encrypts, all decrypt (key rotation). */
const encryptionKeys = z
  .string()
  .transform(csv)
  .pipe(
    z
      .array(
        z.string().transform((entry, ctx) => {
          const [id, material] = entry.split(":");
          const key = material ? Buffer.from(material, "base64") : Buffer.alloc(0);
          if (!id || key.length !== 32) {
            ctx.addIssue({ code: "custom", message: "each entry must be KEY_ID:BASE64 of 32 random bytes" });
            return z.NEVER;
          }
          return { id, key };
        }),
      )
      .min(1),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/** Origins the stable deployment may forward a preview's login to: exact
 * origins or one leading wildcard label, e.g. `https://*-team.vercel.app`. */
const previewOrigins = z
  .string()
  .default("")
  .transform(csv)
  .pipe(
    z.array(
      z.string().refine((pattern) => originPattern(pattern) !== undefined, {
        message: "each entry must be an origin such as https://app-git-x-team.vercel.app or https://*-team.vercel.app (no path, at most one leading '*')",
      }),
    ),
  );

/** IP addresses or CIDR ranges of proxies that append the client's address to
 * X-Forwarded-For (see lib/client-address.ts). */
const trustedProxies = z
  .string()
  .default("")
  .transform(csv)
  .pipe(z.array(z.string().refine(isAddressOrRange, { message: "each entry must be an IP address or CIDR range, e.g. 10.0.0.0/8" })));

/** What /privacy, /terms and the data inventory say until a deployment names
 * its operator; production refuses to start with them. */
const PLACEHOLDER_COMPANY = { name: "Example Learning Co.", email: "privacy@example.com" } as const;

/** Settings the privacy page and `npm run data-inventory` state (no secrets,
 * so the inventory command reads them without the rest of the configuration). */
export const publicFactsSchema = z.object({
  SESSION_IDLE_MINUTES: positiveInt(120),
  SESSION_MAX_HOURS: positiveInt(12),
  /** Days a district's data is kept after it stops sharing with the app
   * (a reconnect within them restores everything); then it is deleted. */
  DISTRICT_RETENTION_DAYS: positiveInt(30),
  /** Who operates this deployment: named on /privacy and /terms (template text, not legal advice). */
  COMPANY_NAME: z.string().trim().min(1).default(PLACEHOLDER_COMPANY.name),
  /** Where families, teachers and districts write about privacy and deletion requests. */
  COMPANY_CONTACT_EMAIL: z.email({ error: "must be an email address, e.g. privacy@example.com" }).default(PLACEHOLDER_COMPANY.email),
});

export const envSchema = z
  .object({
    APP_ENV: z.enum(["development", "test", "demo", "production"]).default("development"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)"),
    /** Pins the public origin. Unset, each request's host is used (trusted:
     * Vercel's edge, or AUTH_TRUST_HOST behind your own proxy), so every
     * registered redirect URI's origin can serve logins. */
    AUTH_URL: z.url().optional(),
    /** Auth.js believes the Host and X-Forwarded-Host headers (set it behind
     * your own proxy when AUTH_URL is unset; Vercel needs neither). */
    AUTH_TRUST_HOST: z.literal("true", { error: 'must be "true" or unset (Auth.js reads any value as true)' }).optional(),
    /** Set on Vercel preview deployments and on the stable deployment alike. */
    AUTH_REDIRECT_PROXY_URL: z.url().optional(),
    /** Preview origins the stable deployment forwards logins to (its proxy). */
    AUTH_PREVIEW_ORIGINS: previewOrigins,
    /** Proxies in front of `next start` whose X-Forwarded-For is believed. */
    TRUSTED_PROXIES: trustedProxies,
    /** "1" on Vercel, which tells us each client's address (lib/platform/client-address.ts). */
    VERCEL: z.string().optional(),
    /** "accept": production runs where nothing tells clients apart (neither
     * Vercel nor TRUSTED_PROXIES), knowing every caller then shares one
     * rate-limit bucket, so anyone can use up the login limits for all. */
    SHARED_RATE_LIMITS: z.literal("accept").optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
    /** Connections per server instance; keep small on serverless. */
    DATABASE_POOL_SIZE: positiveInt(5),
    CLEVER_CLIENT_ID: z.string().min(1),
    CLEVER_CLIENT_SECRET: z.string().min(1),
    CLEVER_OAUTH_URL: z.url().default("https://clever.com"),
    CLEVER_API_URL: z.url().default("https://api.clever.com"),
    /** The Data API version this deployment speaks for every call (docs/clever.md: which to pick). */
    CLEVER_API_VERSION: z.enum(["v2.1", "v3.1"]).default("v2.1"),
    /** Registered redirect URIs; the first is the primary one Clever uses for
     * Portal, Instant Login and Library logins. */
    CLEVER_REDIRECT_URIS: z.string().transform(csv).pipe(z.array(z.url()).min(1)),
    /** After Clever's /userinfo answered 404/501, logins read /me and the
     * user's record for this long before trying /userinfo again (0: ask
     * /userinfo every time). */
    CLEVER_USERINFO_RETRY_SECONDS: nonNegativeInt(300),
    /** A login skips its roster sync when the user's roster was synced
     * successfully this recently (lib/roster/sync/lease.ts, freshRoster); 0: every
     * login syncs. "Sync my classes" always syncs (LIG-04). */
    LOGIN_SYNC_FRESH_SECONDS: nonNegativeInt(300),
    TOKEN_ENCRYPTION_KEYS: encryptionKeys,
    TRIAL_DAYS: positiveInt(30),
    /** Vercel Cron sends it as a Bearer token to /api/cron/purge and /api/cron/jobs. */
    CRON_SECRET: z.string().min(16).optional(),
    /** On SIGTERM/SIGINT a worker takes no new jobs and waits this long for
     * running ones; those still running are then handed back for a retry. */
    JOBS_SHUTDOWN_GRACE_SECONDS: positiveInt(25),
    /** How often each connected district's Events are read. */
    DISTRICT_EVENTS_POLL_SECONDS: positiveInt(60),
    /** "auto": a district is rostered in full as soon as it shares its data
     * with the app; "manual": only once an operator runs `npm run roster --
     * sync ID` (to match its existing accounts first, as Clever suggests),
     * and kept current automatically from then on. */
    DISTRICT_ROSTERING: z.enum(["auto", "manual"]).default("auto"),
    /** The PostgreSQL schema of the job queues (pg-boss creates it). */
    JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, "a lowercase SQL identifier").default("pgboss"),
    /** `npm run worker` answers GET /health on this port when set (liveness checks; the test stack's readiness). */
    JOBS_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ...publicFactsSchema.shape,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    // The primary redirect URI is what every login sends to Clever (see
    // authJsConfig in lib/login/auth.ts), so it must be this app's callback.
    const primary = env.CLEVER_REDIRECT_URIS[0];
    if (primary && !isCleverCallbackUri(primary)) {
      ctx.addIssue({ code: "custom", path: ["CLEVER_REDIRECT_URIS", 0], message: `${primary} must be an origin followed by ${CLEVER_CALLBACK_PATH}, with no query or fragment` });
    } else if (primary && env.AUTH_REDIRECT_PROXY_URL && env.AUTH_REDIRECT_PROXY_URL.replace(/\/+$/, "") !== `${new URL(primary).origin}${AUTH_BASE_PATH}`) {
      ctx.addIssue({ code: "custom", path: ["AUTH_REDIRECT_PROXY_URL"], message: `must be ${new URL(primary).origin}${AUTH_BASE_PATH} (the primary redirect URI's), or unset` });
    }
    if (env.APP_ENV !== "production") return;
    // Session cookies, the state cookie and forwarded codes need https; so
    // do tokens and rosters on their way from Clever.
    for (const name of ["AUTH_URL", "AUTH_REDIRECT_PROXY_URL", "CLEVER_OAUTH_URL", "CLEVER_API_URL"] as const) {
      const value = env[name];
      if (value && !value.startsWith("https://")) ctx.addIssue({ code: "custom", path: [name], message: `${value} must be https in production` });
    }
    // The privacy page and terms must name the real operator.
    if (env.COMPANY_NAME === PLACEHOLDER_COMPANY.name) ctx.addIssue({ code: "custom", path: ["COMPANY_NAME"], message: "must name the company operating this deployment in production" });
    if (env.COMPANY_CONTACT_EMAIL === PLACEHOLDER_COMPANY.email) ctx.addIssue({ code: "custom", path: ["COMPANY_CONTACT_EMAIL"], message: "must be a real contact address in production" });
    // Rate limits need to tell clients apart: on Vercel, or behind proxies
    // we trust. Alone, `next start` cannot, and every caller shares a bucket.
    if (env.VERCEL !== "1" && env.TRUSTED_PROXIES.length === 0 && env.SHARED_RATE_LIMITS !== "accept") {
      ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: "must list the proxies in front of the app in production (off Vercel), so rate limits count each client apart; or set SHARED_RATE_LIMITS=accept to run with one shared bucket, where anyone can use up the login limits for everyone" });
    }
    env.AUTH_PREVIEW_ORIGINS.forEach((pattern, index) => {
      if (!pattern.startsWith("https://")) ctx.addIssue({ code: "custom", path: ["AUTH_PREVIEW_ORIGINS", index], message: `${pattern} must be https in production` });
    });
    // LIG-06: production redirect URIs are https and carry no fragment.
    env.CLEVER_REDIRECT_URIS.forEach((uri, index) => {
      const url = new URL(uri);
      if (url.protocol !== "https:" || uri.includes("#")) {
        ctx.addIssue({
          code: "custom",
          path: ["CLEVER_REDIRECT_URIS", index],
          message: `${uri} must be https and contain no '#' in production`,
        });
      }
    });
  });

export type Env = z.infer<typeof envSchema>;

/** Where Auth.js's routes live, and Clever's callback among them. */
export const AUTH_BASE_PATH = "/api/auth";
const CLEVER_CALLBACK_PATH = `${AUTH_BASE_PATH}/callback/clever`;

function isCleverCallbackUri(uri: string): boolean {
  const url = new URL(uri);
  return url.pathname === CLEVER_CALLBACK_PATH && url.search === "" && url.hash === "" && !uri.includes("#") && !url.username && !url.password;
}

/** One line per problem, naming the variable. */
export function formatEnvErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const received = issue.code === "invalid_type" && issue.input === undefined ? "is missing" : issue.message;
    return `${name}: ${received}`;
  });
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new EnvError(formatEnvErrors(result.error));
  return result.data;
}

/** The process's environment as Auth.js reads it itself (createActionURL,
 * setEnvDefaults, lib/login/route-handler.ts): it looks for names of its own
 * (AUTH_*, NODE_ENV) beside ours. */
export function authJsEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

let cached: Env | undefined;

/** The validated configuration, parsed on first use (not at import, so
 * `next build` does not need production secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
