// Direct database access for assertions (and for setting up states a browser
// cannot reach quickly, such as an expired session). Uses the run's
// DATABASE_URL, which `npm run test:e2e` points at a fresh seeded database.
import { createHash } from "node:crypto";
import pg from "pg";
import { v3UserId } from "../../sandbox/ids";

let pool: pg.Pool | undefined;

function database(): pg.Pool {
  if (!pool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("e2e/support/db: DATABASE_URL is not set (run through npm run test:e2e)");
    pool = new pg.Pool({ connectionString, max: 2 });
  }
  return pool;
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await database().query<T>(sql, params);
  return result.rows;
}

export interface UserRow {
  id: string;
  cleverId: string | null;
  role: string | null;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  authorizedBy: string | null;
  districtId: string | null;
  schoolId: string | null;
  trialEndsAt: Date | null;
}

/**
 * The Clever IDs the app may store for a user given by their v2 ID. On Data
 * API v2.1 the User table holds the v2 ID; on v3.1 it holds the v3 ID, which
 * is the same for students and differs for teachers, staff and district admins
 * (sandbox/ids.ts). The specs do not know which version runs, so they look for
 * both: for a student the "teacher" form is a hash no row ever has.
 */
export function storedCleverIds(cleverId: string): string[] {
  return [...new Set([cleverId, v3UserId(cleverId, "teacher")])];
}

export async function userByCleverId(cleverId: string): Promise<UserRow | undefined> {
  const rows = await query<UserRow>(`SELECT * FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(cleverId)]);
  return rows[0];
}

export interface SessionRow {
  id: string;
  sessionToken: string;
  userId: string;
  expires: Date;
  createdAt: Date;
}

export async function sessionsOf(userId: string): Promise<SessionRow[]> {
  return query<SessionRow>(`SELECT * FROM "Session" WHERE "userId" = $1`, [userId]);
}

/** What the Session table stores for a cookie's token (never the token). */
export function storedSessionToken(cookieValue: string): string {
  return createHash("sha256").update(cookieValue, "utf8").digest("hex");
}

export async function sessionByToken(cookieValue: string): Promise<SessionRow | undefined> {
  const rows = await query<SessionRow>(`SELECT * FROM "Session" WHERE "sessionToken" = $1`, [storedSessionToken(cookieValue)]);
  return rows[0];
}

export async function accountsOf(userId: string): Promise<{ provider: string; providerAccountId: string; access_token: string | null }[]> {
  return query(`SELECT provider, "providerAccountId", access_token FROM "Account" WHERE "userId" = $1`, [userId]);
}

/** Session cookie names Auth.js uses (http, https). */
export const sessionCookieNames = ["authjs.session-token", "__Host-authjs.session-token"];

/**
 * Time passing between two logins. The stack runs production's
 * LOGIN_SYNC_FRESH_SECONDS (300): a login within five minutes of a successful
 * sync of the same roster skips its own. A journey that changes something in
 * Clever and logs in again to see it stands for the person coming back later,
 * so it moves the finished syncs of the user, and of every teacher of their
 * classes (a student's roster is fresh when their teachers' syncs are), an
 * hour into the past. Running syncs are left alone.
 */
export async function syncWindowPasses(cleverId: string): Promise<void> {
  await query(
    `WITH person AS (SELECT id FROM "User" WHERE "cleverId" = ANY($1)),
     classes AS (
       SELECT "sectionId" FROM "Enrollment" WHERE "studentId" IN (SELECT id FROM person)
       UNION SELECT "sectionId" FROM "SectionTeacher" WHERE "teacherId" IN (SELECT id FROM person)),
     people AS (
       SELECT id FROM person
       UNION SELECT "teacherId" FROM "SectionTeacher" WHERE "sectionId" IN (SELECT "sectionId" FROM classes))
     UPDATE "SyncRun" SET "startedAt" = "startedAt" - interval '1 hour', "finishedAt" = "finishedAt" - interval '1 hour'
     WHERE "userId" IN (SELECT id FROM people) AND outcome <> 'running'`,
    [storedCleverIds(cleverId)],
  );
}
