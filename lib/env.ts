// All configuration, read once and validated with zod. A missing or malformed
// variable stops start-up with one line per problem (see `formatEnvErrors`).
import { z } from "zod";

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

export const envSchema = z
  .object({
    APP_ENV: z.enum(["development", "test", "demo", "production"]).default("development"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)"),
    AUTH_URL: z.url().optional(),
    /** Set on Vercel preview deployments and on the stable deployment alike. */
    AUTH_REDIRECT_PROXY_URL: z.url().optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
    /** Connections per server instance; keep small on serverless. */
    DATABASE_POOL_SIZE: positiveInt(5),
    CLEVER_CLIENT_ID: z.string().min(1),
    CLEVER_CLIENT_SECRET: z.string().min(1),
    CLEVER_OAUTH_URL: z.url().default("https://clever.com"),
    CLEVER_API_URL: z.url().default("https://api.clever.com"),
    /** Registered redirect URIs; the first is the primary one Clever uses for
     * Portal, Instant Login and Library logins. */
    CLEVER_REDIRECT_URIS: z.string().transform(csv).pipe(z.array(z.url()).min(1)),
    TOKEN_ENCRYPTION_KEYS: encryptionKeys,
    SESSION_IDLE_MINUTES: positiveInt(120),
    SESSION_MAX_HOURS: positiveInt(12),
    TRIAL_DAYS: positiveInt(30),
    /** Vercel Cron sends it as a Bearer token to /api/cron/purge. */
    CRON_SECRET: z.string().min(16).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== "production") return;
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

let cached: Env | undefined;

/** The validated configuration, parsed on first use (not at import, so
 * `next build` does not need production secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
