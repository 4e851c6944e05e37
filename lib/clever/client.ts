// The typed Clever Data API client: every body is validated with the zod
// schemas in ./schemas, lists follow Clever's `next` links, transient
// failures are retried (./retry). Tokens never appear in errors or logs.
//
// Paging: only district-app tokens may send `limit`/`starting_after`; a user
// token from the SSO flow gets whole results and a 400 if it tries to page
// (Clever's "Pagination and Response Limits"), so it never sends them.
//
// What comes back is bounded: `next` links are followed only on the API's own
// origin (the bearer token goes wherever they point), bodies, lists and pages
// are capped (CLEVER_LIMITS), and only plain Clever IDs are put into paths.
import type { z } from "zod";
import { env, log } from "@/lib/platform";
import { asDistrictAdmin, asFirstRole, asSchoolAdmin, asStudent, asTeacher, type CleverRoleRecord, type CleverV3User, cleverV3UserSchema } from "./v3";
import { ListPageError, readListPage } from "./list-page";
import { bucketOf, paceFor, readRateHeaders, recordWindow, reserveOf, spendRequest } from "./rate-limit";
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, withRetry } from "./retry";
import {
  type CleverDistrictAdmin,
  type CleverEvent,
  type CleverSchool,
  type CleverSchoolAdmin,
  type CleverSection,
  type CleverStudent,
  type CleverTeacher,
  type CleverTerm,
  cleverDistrictAdminSchema,
  cleverDistrictSchema,
  cleverEventSchema,
  cleverMeSchema,
  cleverSchoolAdminSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverStudentSchema,
  cleverTeacherSchema,
  cleverTermSchema,
  cleverUserinfoSchema,
  isCleverId,
  listEnvelope,
  singleEnvelope,
} from "./schemas";

export type CleverErrorCode =
  | "unreachable"
  | "timeout"
  | "server_error"
  | "rate_limited"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "malformed_response";

export class CleverApiError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: CleverErrorCode,
    message: string,
    readonly details: {
      status?: number;
      endpoint?: string;
      retryAfterMs?: number;
      /** Rate limited: epoch ms when Clever's window has room again. */
      retryAt?: number;
      issues?: string[];
    } = {},
  ) {
    super(message);
    this.name = "CleverApiError";
    // 501 is "not implemented": asking again will not help.
    this.retryable = code === "server_error" ? (details.status ?? 500) >= 500 && details.status !== 501 : code === "rate_limited" || code === "unreachable" || code === "timeout";
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export type TokenKind = "user" | "district";
/** The Data API version a deployment speaks (CLEVER_API_VERSION). */
export type CleverApiVersion = "v2.1" | "v3.1";

export interface CleverClientOptions {
  token: string;
  tokenKind: TokenKind;
  /** Default env().CLEVER_API_URL. */
  baseUrl?: string;
  /** Records per page of a paged read (district-app tokens); Clever's maximum by default. */
  pageLimit?: number;
  /** Default v2.1; the app's callers pass the deployment's (SyncDeps.apiVersion, from CLEVER_API_VERSION). */
  apiVersion?: CleverApiVersion;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Overrides of the retry policy (deadline: epoch ms for the whole job). */
  retry?: Partial<RetryPolicy>;
  /** Overrides of CLEVER_LIMITS (tests). */
  limits?: Partial<CleverLimits>;
  /** Leave a share of the token's rate-limit window to logins (a sync nobody
   * waits on at a login; see rate-limit.ts). */
  keepLoginReserve?: boolean;
  fetch?: typeof fetch;
}

/** Clever's largest page (district-app tokens only). */
export const MAX_PAGE_LIMIT = 10_000;

export interface CleverLimits {
  /** Bytes of one response body. */
  maxBodyBytes: number;
  /** Bytes of all pages of one list together. */
  maxListBytes: number;
  /** Pages of one list. */
  maxPages: number;
}

const MiB = 1024 * 1024;

/** How much one answer and one list may hold, so a hostile or runaway body
 * cannot exhaust memory. A full 10,000-record page of v2 student records is
 * about 15 MB; no teacher's or section's list comes near 100 such pages
 * (which would also spend most of a token's 1,200 requests a minute). */
export const CLEVER_LIMITS: Readonly<CleverLimits> = { maxBodyBytes: 32 * MiB, maxListBytes: 64 * MiB, maxPages: 100 };

/** The path without IDs or query, for logs and errors ("/v2.0/sections/{id}/students"). */
function endpointOf(url: URL): string {
  return url.pathname.replace(/\/[0-9a-f]{24}(?=\/|$)/g, "/{id}");
}

function statusError(status: number, endpoint: string, headers: Headers, rateLimitWaitMs: number | undefined, now: number): CleverApiError {
  const details = { status, endpoint };
  if (status === 401) return new CleverApiError("unauthorized", `Clever refused the token (401) on ${endpoint}`, details);
  if (status === 403) return new CleverApiError("forbidden", `Clever forbade ${endpoint} for this token (403)`, details);
  if (status === 404) return new CleverApiError("not_found", `Clever has no ${endpoint} for this token (404)`, details);
  if (status === 429) {
    // Clever says when its window ends (X-RateLimit-Reset), not Retry-After; either will do.
    const retryAfterMs = rateLimitWaitMs ?? parseRetryAfter(headers.get("retry-after"), now);
    return new CleverApiError("rate_limited", `Clever rate-limited ${endpoint} (429)`, {
      ...details,
      retryAfterMs,
      retryAt: retryAfterMs === undefined ? undefined : now + retryAfterMs,
    });
  }
  return new CleverApiError("server_error", `Clever answered ${status} on ${endpoint}`, {
    ...details,
    retryAfterMs: status === 503 ? parseRetryAfter(headers.get("retry-after"), now) : undefined,
  });
}

function tooLarge(what: string, maxBytes: number, endpoint: string, status?: number): CleverApiError {
  return new CleverApiError("malformed_response", `${what} is larger than ${maxBytes} bytes`, { endpoint, status });
}

/** The body's bytes, read as a stream and abandoned as soon as it passes
 * `maxBytes` (a declared Content-Length over it is refused unread). */
async function readBodyBytes(response: Response, maxBytes: number, what: string, endpoint: string): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes, endpoint, response.status);
  }
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new CleverApiError("unreachable", `Clever's answer to ${endpoint} was cut off`, { endpoint, status: response.status });
    }
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes, endpoint, response.status);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, bytes);
}

/** The body as text (see readBodyBytes). */
export async function readBody(response: Response, maxBytes: number, what: string, endpoint: string): Promise<{ text: string; bytes: number }> {
  const body = await readBodyBytes(response, maxBytes, what, endpoint);
  // TextDecoder drops a BOM and replaces invalid UTF-8, like Response.text().
  return { text: new TextDecoder().decode(body), bytes: body.byteLength };
}

/** Readable zod problems without the offending values (they may be personal data). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
}

export function createCleverClient(options: CleverClientOptions) {
  const baseUrl = options.baseUrl ?? env().CLEVER_API_URL;
  const version = options.apiVersion ?? "v2.1";
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const policy: RetryPolicy = { ...defaultRetryPolicy(), ...options.retry };
  const limits: CleverLimits = { ...CLEVER_LIMITS, ...options.limits };
  const apiOrigin = new URL(baseUrl).origin;
  const bucket = bucketOf(options.token);
  let requests = 0;

  /** Waits for room in the token's rate-limit window, or fails at once when
   * the room comes after the job's deadline (saying when it comes). */
  async function pace(endpoint: string): Promise<void> {
    const now = policy.now();
    const { waitMs, resetAt } = paceFor(bucket, now, options.keepLoginReserve ? reserveOf(bucket) : 0);
    if (waitMs > 0 && now + waitMs >= policy.deadline) {
      throw new CleverApiError("rate_limited", `Clever's rate limit for this token leaves no room on ${endpoint} before the deadline`, {
        endpoint,
        retryAfterMs: waitMs,
        retryAt: resetAt,
      });
    }
    // Counted before the wait, so parallel requests of this token see it and wait their own turn.
    spendRequest(bucket, now);
    if (waitMs > 0) await policy.sleep(waitMs);
  }

  /** The body's bytes; `maxBytes` and `what` name the cap that applies. */
  async function getBytes(url: URL, maxBytes = limits.maxBodyBytes, what = `Clever's answer on ${endpointOf(url)}`): Promise<Buffer> {
    const endpoint = endpointOf(url);
    return withRetry(async () => {
      await pace(endpoint);
      const remaining = Math.max(1, Math.min(timeoutMs, policy.deadline - policy.now()));
      requests += 1;
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
          signal: AbortSignal.timeout(remaining),
          cache: "no-store",
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        throw timedOut
          ? new CleverApiError("timeout", `Clever did not answer ${endpoint} in time`, { endpoint })
          : new CleverApiError("unreachable", `Clever is unreachable (${endpoint})`, { endpoint });
      }
      const now = policy.now();
      const window = readRateHeaders(response.headers, now);
      if (window) recordWindow(bucket, window, now);
      if (!response.ok) {
        // An error body is never used (Clever may send HTML): drop it rather than read it.
        await response.body?.cancel().catch(() => undefined);
        // A Reset already past (our clock ahead of Clever's) still waits a second, never zero.
        throw statusError(response.status, endpoint, response.headers, window ? Math.max(1_000, window.resetAt - now) : undefined, now);
      }
      return readBodyBytes(response, maxBytes, what, endpoint);
    }, policy);
  }

  /** The parsed body and its size (see getBytes). */
  async function getJson(url: URL, maxBytes?: number, what?: string): Promise<{ body: unknown; bytes: number }> {
    const bytes = await getBytes(url, maxBytes, what);
    try {
      // TextDecoder drops a BOM and replaces invalid UTF-8, like Response.text().
      return { body: JSON.parse(new TextDecoder().decode(bytes)) as unknown, bytes: bytes.byteLength };
    } catch {
      throw new CleverApiError("malformed_response", `Clever sent invalid JSON on ${endpointOf(url)}`, { endpoint: endpointOf(url) });
    }
  }

  function validate<T extends z.ZodType>(schema: T, body: unknown, url: URL): z.infer<T> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issues = describeIssues(parsed.error);
    const endpoint = endpointOf(url);
    throw new CleverApiError("malformed_response", `Clever's answer on ${endpoint} does not match its schema: ${issues.join("; ")}`, {
      endpoint,
      issues,
    });
  }

  function apiUrl(path: string): URL {
    return new URL(path, baseUrl);
  }

  /** A path with Clever IDs in it: only plain IDs (the schemas' rule) ever
   * become path segments, so "..", "/" or "%2e%2e" cannot walk the API. */
  function apiPath(strings: TemplateStringsArray, ...ids: string[]): string {
    if (!ids.every(isCleverId)) {
      throw new CleverApiError("malformed_response", `an ID that is not a plain Clever ID was not put into ${strings.join("{id}")}`, {
        endpoint: strings.join("{id}"),
      });
    }
    return String.raw(strings, ...ids);
  }

  /** The URL of a `next` link, only on the API's own origin: the bearer token
   * goes wherever it points. Another host, scheme or port, a protocol-relative
   * link or one with userinfo is refused (never fetched). */
  function nextUrl(uri: string, endpoint: string): URL {
    const refused = new CleverApiError("malformed_response", `Clever's next link on ${endpoint} leaves the API origin; not followed`, { endpoint });
    // What the URL parser ignores (tabs, newlines, leading controls) is ignored here too.
    const cleaned = uri.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
    if (/^[\\/]{2}/.test(cleaned)) throw refused;
    let url: URL;
    try {
      url = new URL(cleaned, baseUrl);
    } catch {
      throw refused;
    }
    if (url.origin !== apiOrigin || url.username !== "" || url.password !== "") throw refused;
    return url;
  }

  async function one<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    const url = apiUrl(path);
    const body = validate(singleEnvelope(schema), (await getJson(url)).body, url);
    return body.data as z.infer<T>;
  }

  /** Every item of a list, following `next` links, within the list caps. */
  async function all<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>[]> {
    const envelope = listEnvelope(schema);
    let url = apiUrl(path);
    const endpoint = endpointOf(url);
    if (options.tokenKind === "district") url.searchParams.set("limit", String(MAX_PAGE_LIMIT));
    const items: z.infer<T>[] = [];
    const seen = new Set<string>();
    let listBytes = 0;
    for (let page = 0; page < limits.maxPages; page++) {
      seen.add(url.toString());
      const room = limits.maxListBytes - listBytes;
      const { body: raw, bytes } =
        room < limits.maxBodyBytes ? await getJson(url, room, `Clever's list on ${endpoint}`) : await getJson(url);
      listBytes += bytes;
      const body = validate(envelope, raw, url);
      for (const record of body.records) items.push(record);
      if (body.skipped.length > 0) {
        // Positions only: the records' content may be personal data (or hostile).
        log.warn({ endpoint, page: page + 1, skipped: body.skipped }, "skipped Clever records whose ID is not a plain Clever ID");
      }
      const next = body.links?.find((link) => link.rel === "next");
      if (!next) return items;
      url = nextUrl(next.uri, endpoint);
      if (seen.has(url.toString())) {
        throw new CleverApiError("malformed_response", `Clever's next link on ${endpoint} points back to a page already read`, { endpoint });
      }
    }
    throw new CleverApiError("malformed_response", `more than ${limits.maxPages} pages on ${endpoint}`, { endpoint });
  }

  /** One page of a list (district-app tokens: `limit` is Clever's maximum),
   * after `startingAfter`. The caller asks for the next page with this same
   * path and the page's last ID, so the query (a `role` filter, say) holds
   * whatever Clever's next link carries; the link only says whether one follows. */
  async function listPage<T extends z.ZodType>(path: string, schema: T, startingAfter?: string, limit = options.pageLimit ?? MAX_PAGE_LIMIT): Promise<Page<z.infer<T>>> {
    const url = apiUrl(path);
    url.searchParams.set("limit", String(limit));
    if (startingAfter !== undefined) url.searchParams.set("starting_after", startingAfter);
    const body = validate(listEnvelope(schema), (await getJson(url)).body, url);
    if (body.skipped.length > 0) log.warn({ endpoint: endpointOf(url), skipped: body.skipped }, "skipped Clever records whose ID is not a plain Clever ID");
    const records = body.records;
    const last = records.length > 0 ? (records[records.length - 1] as { id: string }).id : null;
    return { records, last, more: last !== null && (body.links ?? []).some((link) => link.rel === "next") };
  }

  /** One page of a district roster list (Clever's largest page), read whole
   * but parsed as it is written (./list-page.ts); `as` maps each record (null:
   * not one of this list's, left out). */
  async function rosterListPage<T extends z.ZodType, R>(path: string, schema: T, startingAfter: string | undefined, as: (record: z.infer<T>) => R | null): Promise<RosterPage<R>> {
    const url = apiUrl(path);
    url.searchParams.set("limit", String(options.pageLimit ?? MAX_PAGE_LIMIT));
    if (startingAfter !== undefined) url.searchParams.set("starting_after", startingAfter);
    const endpoint = endpointOf(url);
    const body = await getBytes(url);
    return {
      read: async (size, write) => {
        try {
          const end = await readListPage(body, schema, size, async (records) => {
            const mapped = records.map(as).filter((record): record is NonNullable<R> => record !== null);
            if (mapped.length > 0) await write(mapped);
          });
          if (end.skipped.length > 0) log.warn({ endpoint, skipped: end.skipped }, "skipped Clever records whose ID is not a plain Clever ID");
          return { last: end.last, more: end.more };
        } catch (error) {
          if (!(error instanceof ListPageError)) throw error;
          const issues = error.issues.length > 0 ? `: ${error.issues.join("; ")}` : "";
          throw new CleverApiError("malformed_response", `Clever's answer on ${endpoint}: ${error.message}${issues}`, { endpoint, issues: error.issues });
        }
      },
    };
  }

  /** The events path of this version (one stream per district-app token). */
  const eventsPath = version === "v3.1" ? "/v3.1/events" : "/v2.1/events";

  return {
    tokenKind: options.tokenKind,
    apiVersion: version,
    /** How many HTTP requests this client has made (retries included). */
    get requestCount() {
      return requests;
    },
    /** /userinfo: who signed in, in one call (id, type, district, name,
     * email, schools, authorized_by). Not versioned. */
    userinfo: async () => {
      const url = apiUrl("/userinfo");
      return validate(cleverUserinfoSchema, (await getJson(url)).body, url);
    },
    /** /me: who the token belongs to (v2.1 with `authorized_by`). */
    me: async () => {
      const url = apiUrl(version === "v3.1" ? "/v3.1/me" : "/v2.1/me");
      return validate(cleverMeSchema, (await getJson(url)).body, url);
    },
    /** Raw v3.1 users with a role, their `legacy_id`s included (district-app
     * tokens; the v2-to-v3 ID migration reads these whatever the version). */
    usersWithRole: async (role: "teacher" | "student" | "staff" | "district_admin") => all(`/v3.1/users?role=${role}`, cleverV3UserSchema),
    /** A page of the district's events after `startingAfter` (ascending by ID). */
    events: async (startingAfter?: string, limit?: number): Promise<Page<CleverEvent>> => listPage(eventsPath, cleverEventSchema, startingAfter, limit),
    /** One event by its ID: Clever answers 404 once the event has left its
     * window, which is how a stored cursor is known to be gone (a page read
     * after a gone cursor is answered 200, from the oldest event kept). */
    event: async (eventId: string): Promise<CleverEvent> => one(`${eventsPath}/${encodeURIComponent(eventId)}`, cleverEventSchema),
    /** The path Clever documents for Library tokens (v2.0, whatever version
     * the deployment speaks; CLEVER-TODAY.md): a teacher's sections by her
     * v2 ID, then each section's students. A v3.1 Library sync falls back to
     * it when v3 refuses her sections (lib/roster/sync/fetch.ts). */
    documentedLibraryPath: {
      teacherSections: async (v2TeacherId: string) => all(apiPath`/v2.0/teachers/${v2TeacherId}/sections`, cleverSectionSchema),
      sectionStudents: async (sectionId: string) => all(apiPath`/v2.0/sections/${sectionId}/students`, cleverStudentSchema),
    },
    /** The newest event (Clever's `ending_before=last`); null when there is none. */
    newestEvent: async (): Promise<CleverEvent | null> => {
      const url = apiUrl(eventsPath);
      url.searchParams.set("ending_before", "last");
      url.searchParams.set("limit", "1");
      const body = validate(listEnvelope(cleverEventSchema), (await getJson(url)).body, url);
      return body.records[0] ?? null;
    },
    ...(version === "v3.1" ? v3Reads() : v2Reads()),
  };

  /** v2.1 reads use the /v2.0 paths (v2.1 differs only in /me and contacts). */
  function v2Reads() {
    return {
      district: async (districtId: string) => one(apiPath`/v2.0/districts/${districtId}`, cleverDistrictSchema),
      school: async (schoolId: string) => one(apiPath`/v2.0/schools/${schoolId}`, cleverSchoolSchema),
      teacher: async (teacherId: string) => one(apiPath`/v2.0/teachers/${teacherId}`, cleverTeacherSchema),
      student: async (studentId: string) => one(apiPath`/v2.0/students/${studentId}`, cleverStudentSchema),
      section: async (sectionId: string) => one(apiPath`/v2.0/sections/${sectionId}`, cleverSectionSchema),
      term: async (termId: string) => one(apiPath`/v2.0/terms/${termId}`, cleverTermSchema),
      districtAdmin: async (adminId: string) => one(apiPath`/v2.0/district_admins/${adminId}`, cleverDistrictAdminSchema),
      schoolAdmin: async (adminId: string) => one(apiPath`/v2.0/school_admins/${adminId}`, cleverSchoolAdminSchema),
      /** The token's own user in whichever role their record is under, when
       * /me does not say (v2 has a record per role: each is tried in turn,
       * a 404 meaning "not this one"); null when none answers. */
      userInAnyRole: async (userId: string): Promise<CleverRoleRecord | null> => {
        const reads: (() => Promise<CleverRoleRecord>)[] = [
          async () => ({ role: "teacher", record: await one(apiPath`/v2.0/teachers/${userId}`, cleverTeacherSchema) }),
          async () => ({ role: "student", record: await one(apiPath`/v2.0/students/${userId}`, cleverStudentSchema) }),
          async () => ({ role: "school_admin", record: await one(apiPath`/v2.0/school_admins/${userId}`, cleverSchoolAdminSchema) }),
          async () => ({ role: "district_admin", record: await one(apiPath`/v2.0/district_admins/${userId}`, cleverDistrictAdminSchema) }),
        ];
        for (const read of reads) {
          try {
            return await read();
          } catch (error) {
            if (!(error instanceof CleverApiError) || error.code !== "not_found") throw error;
          }
        }
        return null;
      },
      /** Every school the district shares (district-app tokens only). */
      schools: async () => all("/v2.0/schools", cleverSchoolSchema),
      teacherSections: async (teacherId: string) => all(apiPath`/v2.0/teachers/${teacherId}/sections`, cleverSectionSchema),
      teacherStudents: async (teacherId: string) => all(apiPath`/v2.0/teachers/${teacherId}/students`, cleverStudentSchema),
      teacherSchools: async (teacherId: string) => all(apiPath`/v2.0/teachers/${teacherId}/schools`, cleverSchoolSchema),
      sectionStudents: async (sectionId: string) => all(apiPath`/v2.0/sections/${sectionId}/students`, cleverStudentSchema),
      sectionTeachers: async (sectionId: string) => all(apiPath`/v2.0/sections/${sectionId}/teachers`, cleverTeacherSchema),
      studentSections: async (studentId: string) => all(apiPath`/v2.0/students/${studentId}/sections`, cleverSectionSchema),
      studentTeachers: async (studentId: string) => all(apiPath`/v2.0/students/${studentId}/teachers`, cleverTeacherSchema),
      rosterPage: async <K extends RosterKind>(kind: K, startingAfter?: string): Promise<RosterPage<RosterRecords[K]>> => {
        const schemas: { [Kind in RosterKind]: z.ZodType<RosterRecords[Kind]> } = {
          schools: cleverSchoolSchema,
          terms: cleverTermSchema,
          teachers: cleverTeacherSchema,
          students: cleverStudentSchema,
          school_admins: cleverSchoolAdminSchema,
          district_admins: cleverDistrictAdminSchema,
          sections: cleverSectionSchema,
        };
        return rosterListPage(`/v2.0/${kind}`, schemas[kind], startingAfter, (record) => record) as Promise<RosterPage<RosterRecords[K]>>;
      },
    };
  }

  /** v3.1: one users model; each read is mapped into the app's records here
   * (./v3.ts). A user without the role asked for is "not found", as a v2
   * record of another type would be. */
  function v3Reads() {
    const user = <T>(path: string, as: (u: CleverV3User) => T | null) =>
      one(path, cleverV3UserSchema).then((record) => {
        const mapped = as(record);
        if (mapped === null) throw new CleverApiError("not_found", `Clever's user on ${path.replace(/\/[^/]+$/, "/{id}")} has no such role`, { endpoint: endpointOf(apiUrl(path)) });
        return mapped;
      });
    const users = <T>(path: string, as: (u: CleverV3User) => T | null) =>
      all(path, cleverV3UserSchema).then((records) => records.map(as).filter((mapped): mapped is NonNullable<T> => mapped !== null));
    return {
      district: async (districtId: string) => one(apiPath`/v3.1/districts/${districtId}`, cleverDistrictSchema),
      school: async (schoolId: string) => one(apiPath`/v3.1/schools/${schoolId}`, cleverSchoolSchema),
      teacher: async (teacherId: string) => user(apiPath`/v3.1/users/${teacherId}`, asTeacher),
      student: async (studentId: string) => user(apiPath`/v3.1/users/${studentId}`, asStudent),
      section: async (sectionId: string) => one(apiPath`/v3.1/sections/${sectionId}`, cleverSectionSchema),
      term: async (termId: string) => one(apiPath`/v3.1/terms/${termId}`, cleverTermSchema),
      districtAdmin: async (adminId: string) => user(apiPath`/v3.1/users/${adminId}`, asDistrictAdmin),
      schoolAdmin: async (adminId: string) => user(apiPath`/v3.1/users/${adminId}`, asSchoolAdmin),
      /** The token's own user in their first role, when /me does not say
       * (its type "user"); null for a user with no role this app serves. */
      userInAnyRole: async (userId: string): Promise<CleverRoleRecord | null> => asFirstRole(await one(apiPath`/v3.1/users/${userId}`, cleverV3UserSchema)),
      schools: async () => all("/v3.1/schools", cleverSchoolSchema),
      teacherSections: async (teacherId: string) => all(apiPath`/v3.1/users/${teacherId}/sections`, cleverSectionSchema),
      teacherStudents: async (teacherId: string) => users(apiPath`/v3.1/users/${teacherId}/mystudents`, asStudent),
      teacherSchools: async (teacherId: string) => all(apiPath`/v3.1/users/${teacherId}/schools`, cleverSchoolSchema),
      sectionStudents: async (sectionId: string) => users(`${apiPath`/v3.1/sections/${sectionId}/users`}?role=student`, asStudent),
      sectionTeachers: async (sectionId: string) => users(`${apiPath`/v3.1/sections/${sectionId}/users`}?role=teacher`, asTeacher),
      studentSections: async (studentId: string) => all(apiPath`/v3.1/users/${studentId}/sections`, cleverSectionSchema),
      studentTeachers: async (studentId: string) => users(apiPath`/v3.1/users/${studentId}/myteachers`, asTeacher),
      rosterPage: async <K extends RosterKind>(kind: K, startingAfter?: string): Promise<RosterPage<RosterRecords[K]>> => {
        const usersOf = <T>(role: string, as: (u: CleverV3User) => T | null) => rosterListPage(`/v3.1/users?role=${role}`, cleverV3UserSchema, startingAfter, as);
        const same = <T>(record: T) => record;
        const pages: { [Kind in RosterKind]: () => Promise<RosterPage<RosterRecords[Kind]>> } = {
          schools: () => rosterListPage("/v3.1/schools", cleverSchoolSchema, startingAfter, same),
          terms: () => rosterListPage("/v3.1/terms", cleverTermSchema, startingAfter, same),
          teachers: () => usersOf("teacher", asTeacher),
          students: () => usersOf("student", asStudent),
          school_admins: () => usersOf("staff", asSchoolAdmin),
          district_admins: () => usersOf("district_admin", asDistrictAdmin),
          sections: () => rosterListPage("/v3.1/sections", cleverSectionSchema, startingAfter, same),
        };
        return pages[kind]() as Promise<RosterPage<RosterRecords[K]>>;
      },
    };
  }
}

export type CleverClient = ReturnType<typeof createCleverClient>;

/** What a district's full roster is read as, one kind at a time (district-app tokens). */
export interface RosterRecords {
  schools: CleverSchool;
  terms: CleverTerm;
  teachers: CleverTeacher;
  students: CleverStudent;
  school_admins: CleverSchoolAdmin;
  district_admins: CleverDistrictAdmin;
  sections: CleverSection;
}
export type RosterKind = keyof RosterRecords;

/** One page of a list: its records, and whether Clever says more follow. */
export interface Page<T> {
  records: T[];
  /** The last record's ID as Clever listed it (the next page starts after it). */
  last: string | null;
  more: boolean;
}

/** A roster page, fetched but not yet parsed: `read` hands its records to
 * `write` `size` at a time, in order (each awaited before parsing on), then
 * says where the list goes on. A page's records are never all alive at once. */
export interface RosterPage<T> {
  read(size: number, write: (records: T[]) => Promise<void>): Promise<Omit<Page<T>, "records">>;
}
