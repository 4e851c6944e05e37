// What an operator configures, read once and validated with zod. A missing or
// malformed variable stops start-up with one line per problem (`formatEnvErrors`).
import { isIP } from "node:net";
import { z } from "zod";
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

/** An IP address or a CIDR range ("10.0.0.0/8", "::1/128"). */
export function isAddressOrRange(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** IP addresses or CIDR ranges of proxies that append the client's address to
 * X-Forwarded-For (see lib/platform/client-address.ts). */
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
  /** A session ends after this much inactivity: a district may want it shorter on shared devices. */
  SESSION_IDLE_MINUTES: positiveInt(120),
  /** And in any case this long after its login, however active. */
  SESSION_MAX_HOURS: positiveInt(12),
  /** Days a district's data is kept after it stops sharing (a reconnect restores it); then deleted, as /privacy states. */
  DISTRICT_RETENTION_DAYS: positiveInt(30),
  /** Who operates this deployment: named on /privacy and /terms (template text, not legal advice). */
  COMPANY_NAME: z.string().trim().min(1).default(PLACEHOLDER_COMPANY.name),
  /** Where families, teachers and districts write about privacy and deletion requests. */
  COMPANY_CONTACT_EMAIL: z.email({ error: "must be an email address, e.g. privacy@example.com" }).default(PLACEHOLDER_COMPANY.email),
});

// Only what an operator sets, each with why; constants and tuning live in
// the modules that use them.
export const envSchema = z
  .object({
    /** "production" on a real deployment: it refuses what is unsafe there (the checks below). */
    APP_ENV: z.enum(["development", "test", "demo", "production"]).default("development"),
    /** Auth.js signs and encrypts its cookies (a login's state) with it: this deployment's own secret. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)"),
    /** Pins one public origin; unset, each request's trusted host is, so every registered redirect URI's origin serves logins. */
    AUTH_URL: z.url().optional(),
    /** Behind your own proxy with AUTH_URL unset: Auth.js may believe Host and X-Forwarded-Host (Vercel needs neither). */
    AUTH_TRUST_HOST: z.literal("true", { error: 'must be "true" or unset (Auth.js reads any value as true)' }).optional(),
    /** Where Vercel previews' logins come back through: the primary redirect URI's origin and /api/auth, or unset. */
    AUTH_REDIRECT_PROXY_URL: z.url().optional(),
    /** On the stable deployment: the preview origins it may forward a login's code to. */
    AUTH_PREVIEW_ORIGINS: previewOrigins,
    /** Off Vercel: the proxies whose X-Forwarded-For is believed, so rate limits tell clients apart. */
    TRUSTED_PROXIES: trustedProxies,
    /** Set by Vercel ("1"), never by hand: Vercel tells each client's address (lib/platform/client-address.ts). */
    VERCEL: z.string().optional(),
    /** "accept": run in production with neither Vercel nor TRUSTED_PROXIES, every client in one rate-limit bucket. */
    SHARED_RATE_LIMITS: z.literal("accept").optional(),
    /** The app's PostgreSQL (pooled on serverless). */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
    /** Connections per server instance: small on serverless, where instances are many. */
    DATABASE_POOL_SIZE: positiveInt(5),
    /** Your Clever app's credentials (dashboard.clever.com). */
    CLEVER_CLIENT_ID: z.string().min(1),
    CLEVER_CLIENT_SECRET: z.string().min(1),
    /** Clever's OAuth host: the demo and the test stack point it at the local Clever. */
    CLEVER_OAUTH_URL: z.url().default("https://clever.com"),
    /** Clever's Data API host: the demo and the test stack point it at the local Clever. */
    CLEVER_API_URL: z.url().default("https://api.clever.com"),
    /** The Data API version this deployment speaks for every call (docs/clever.md: which to pick). */
    CLEVER_API_VERSION: z.enum(["v2.1", "v3.1"]).default("v2.1"),
    /** The redirect URIs registered with Clever; the first, the primary, is where Portal, Instant Login and Library logins arrive. */
    CLEVER_REDIRECT_URIS: z.string().transform(csv).pipe(z.array(z.url()).min(1)),
    /** After /userinfo answered 404/501, logins read /me for this long before asking it again; the test stack's parallel journeys need 0. */
    CLEVER_USERINFO_RETRY_SECONDS: nonNegativeInt(300),
    /** A login skips its roster sync when the roster was synced this recently (Clever calls saved against freshness); 0: every login syncs. */
    LOGIN_SYNC_FRESH_SECONDS: nonNegativeInt(300),
    /** Keys that encrypt Clever tokens at rest: the first encrypts, all decrypt, so a new one is prepended to rotate. */
    TOKEN_ENCRYPTION_KEYS: encryptionKeys,
    /** The free trial a Clever Library teacher gets: this deployment's offer. */
    TRIAL_DAYS: positiveInt(30),
    /** On Vercel: the Bearer token Vercel Cron sends to /api/cron/purge and /api/cron/jobs (without it both answer 401). */
    CRON_SECRET: z.string().min(16).optional(),
    /** On SIGTERM a worker waits this long for running jobs, then hands them back: keep it under your platform's kill timeout. */
    JOBS_SHUTDOWN_GRACE_SECONDS: positiveInt(25),
    /** How often each district's Clever events are read (a login older than that reads them itself); the test stack's journeys need 2. */
    DISTRICT_EVENTS_POLL_SECONDS: positiveInt(60),
    /** "manual": a new district is rostered once an operator runs `npm run roster -- sync ID` (to match its accounts first, as Clever suggests). */
    DISTRICT_ROSTERING: z.enum(["auto", "manual"]).default("auto"),
    /** A full sync that would archive more than this share (%) of a district's active students, teachers or classes is held for a person to apply (a bad day at the SIS); 100 never holds. */
    DISTRICT_HOLD_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
    /** The PostgreSQL schema of the job queues: another keeps a second app on the same database apart. */
    JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, "a lowercase SQL identifier").default("pgboss"),
    /** `npm run worker` answers GET /health on this port (liveness checks; the test stack's readiness). */
    JOBS_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ...publicFactsSchema.shape,
    /** How much the server logs (pino's levels). */
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
