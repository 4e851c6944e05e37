// Test and benchmark support for provisioning and roster sync (ESLint keeps
// it out of the app): an in-process local Clever and its control API, user
// tokens through its real OAuth flow, and a Prisma client whose SQL
// statements are counted at the driver.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { createCleverClient, MAX_PAGE_LIMIT } from "@/lib/clever/client";
import { envSchema } from "@/lib/platform/env";
import { createTokenVault } from "@/lib/platform/token-vault";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { SyncDeps } from "@/lib/clever/deps";
import { loginFromUserinfo, readLoginThroughMe } from "@/lib/clever/login-identity";
import { provisionCleverUser } from "@/lib/people/provision";
import { controlClient, type ControlClient } from "@/sandbox/control-client";
import type { DistrictSize } from "@/sandbox/generated-district";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { DEMO_APP, districtToken as sandboxDistrictToken, userToken as sandboxUserToken } from "@/sandbox/test/helpers";
import { tapStatements } from "./statements";

export async function startLocalClever(generatedDistrict?: DistrictSize): Promise<Sandbox> {
  return createSandbox({ port: 0, mode: "test", apps: [DEMO_APP], ...(generatedDistrict ? { generatedDistrict } : {}) });
}

/** A user token obtained like the app does: Instant Login link, then POST /oauth/tokens. */
export function userToken(sandbox: Sandbox, cleverId: string): Promise<string> {
  return sandboxUserToken(sandbox, cleverId, DEMO_APP.client_id);
}

export function districtAppToken(sandbox: Sandbox): Promise<string> {
  return sandboxDistrictToken(sandbox);
}

export interface CountingDb {
  db: PrismaClient;
  /** SQL statements sent since the last reset (BEGIN/COMMIT included). */
  statements: () => number;
  /** The statements' text, for debugging. */
  log: string[];
  reset: () => void;
  close: () => Promise<void>;
}

export function countingDb(url: string): CountingDb {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const log: string[] = [];
  tapStatements(pool, (text) => {
    log.push(text);
  });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    log,
    statements: () => log.length,
    reset: () => {
      log.length = 0;
    },
    close: async () => {
      await db.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

export const TEST_KEYS = [{ id: "test1", key: Buffer.alloc(32, 7) }];

/** What provisioning and the syncs need, against this testbed's local Clever
 * and `db`, as the app's would be (lib/clever/deps.ts, appDeps). */
export function testDeps(sandbox: Sandbox, db: PrismaClient, overrides: Partial<SyncDeps> = {}): SyncDeps {
  return {
    db,
    apiUrl: sandbox.url,
    apiVersion: "v2.1",
    oauthUrl: sandbox.url,
    clientId: DEMO_APP.client_id,
    clientSecret: DEMO_APP.client_secret,
    vault: createTokenVault(TEST_KEYS),
    trialDays: 30,
    now: () => new Date(),
    deadlineMs: 20_000,
    concurrency: 8,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    districtPageLimit: MAX_PAGE_LIMIT,
    // A deployment's default; not env(), which would fix the configuration
    // before a test points it at its local Clever.
    loginSyncFreshSeconds: envSchema.shape.LOGIN_SYNC_FRESH_SECONDS.parse(undefined),
    // A process that has not seen /userinfo fail; pass one to share it between logins.
    userinfo: { unavailableUntil: 0 },
    ...overrides,
  };
}

/** Signs a fixture user in, then provisionCleverUser, against this
 * testbed's Clever and database: through the login's fallback steps (/me
 * and the user's record) by default, or through /userinfo. */
export async function logIn(sandbox: Sandbox, deps: SyncDeps, cleverId: string, via: "me" | "userinfo" = "me") {
  const accessToken = await userToken(sandbox, cleverId);
  const version = deps.apiVersion;
  const client = createCleverClient({ token: accessToken, tokenKind: "user", baseUrl: sandbox.url, apiVersion: version });
  const login = via === "me" ? await readLoginThroughMe(client) : loginFromUserinfo(await client.userinfo(), version);
  if (login === "district" || !("cleverId" in login)) throw new Error(`${cleverId} is not a user this app serves`);
  return provisionCleverUser({ login, accessToken }, deps);
}

/** The in-process local Clever's control API, as the browser suites use it. */
export function sandboxControl(sandbox: Sandbox): ControlClient {
  return controlClient({ url: sandbox.url, clientId: DEMO_APP.client_id });
}

interface TestbedHooks {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => Promise<void>) => void;
}

/** vitest wiring shared by the sync integration tests: one local Clever (and
 * its control API; holding a generated district of `generatedDistrict`'s
 * size if given) and one counting client per file, empty Clever-data tables
 * before each test. */
export function syncTestbed(hooks: TestbedHooks & { databaseUrl: () => string; generatedDistrict?: DistrictSize }) {
  const bed = {} as { sandbox: Sandbox; clever: ControlClient; counting: CountingDb; deps: () => SyncDeps };
  hooks.beforeAll(async () => {
    bed.sandbox = await startLocalClever(hooks.generatedDistrict);
    bed.clever = sandboxControl(bed.sandbox);
    bed.counting = countingDb(hooks.databaseUrl());
    bed.deps = () => testDeps(bed.sandbox, bed.counting.db);
  });
  hooks.afterAll(async () => {
    await bed.counting?.close();
    await bed.sandbox?.close();
  });
  hooks.beforeEach(async () => {
    bed.sandbox.reset();
    await emptyCleverData(bed.counting.db);
  });
  return bed;
}

/** Every Clever-data table emptied (users, classes, schools, districts and
 * what hangs off them), with tokens, rate limits and deletion tombstones. */
function emptyCleverData(db: PrismaClient): Promise<number> {
  return db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "Term", "CleverToken", "RateLimit", "DeletedCleverId" CASCADE`);
}

/** The sync testbed for the district sync's integration tests: a generated
 * district of `size` in the local Clever, on this worker's database. */
export function districtTestbed(hooks: TestbedHooks, size: DistrictSize): { sandbox: Sandbox; clever: ControlClient; counting: CountingDb } {
  return syncTestbed({ ...hooks, databaseUrl: () => process.env.DATABASE_URL ?? "", generatedDistrict: size });
}

/** Every Clever-data row, for "nothing changed" comparisons. */
export async function dumpRoster(db: PrismaClient) {
  const [users, sections, links, enrollments, choices, schools, districts] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.section.findMany({ orderBy: { id: "asc" } }),
    db.sectionTeacher.findMany({ orderBy: [{ sectionId: "asc" }, { teacherId: "asc" }] }),
    db.enrollment.findMany({ orderBy: [{ sectionId: "asc" }, { studentId: "asc" }] }),
    db.sectionChoice.findMany({ orderBy: [{ teacherId: "asc" }, { sectionId: "asc" }] }),
    db.school.findMany({ orderBy: { id: "asc" } }),
    db.district.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, sections, links, enrollments, choices, schools, districts };
}
