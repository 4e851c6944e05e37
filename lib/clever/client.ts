// The typed Clever Data API client: every body is validated with the zod
// schemas in ./schemas, lists follow Clever's `next` links, transient
// failures are retried (./retry). Tokens never appear in errors or logs.
//
// Paging: only district-app tokens may send `limit`/`starting_after`; a user
// token from the SSO flow gets whole results and a 400 if it tries to page
// (Clever's "Pagination and Response Limits"), so it never sends them.
import type { z } from "zod";
import { env } from "@/lib/env";
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, withRetry } from "./retry";
import {
  cleverDistrictAdminSchema,
  cleverDistrictSchema,
  cleverMeSchema,
  cleverSchoolAdminSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverStudentSchema,
  cleverTeacherSchema,
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
    readonly details: { status?: number; endpoint?: string; retryAfterMs?: number; issues?: string[] } = {},
  ) {
    super(message);
    this.name = "CleverApiError";
    this.retryable = code === "server_error" ? (details.status ?? 500) >= 500 : code === "rate_limited" || code === "unreachable" || code === "timeout";
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export type TokenKind = "user" | "district";

export interface CleverClientOptions {
  token: string;
  tokenKind: TokenKind;
  /** Default env().CLEVER_API_URL. */
  baseUrl?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Overrides of the retry policy (deadline: epoch ms for the whole job). */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

/** Clever's largest page (district-app tokens only). */
export const MAX_PAGE_LIMIT = 10_000;
const MAX_PAGES = 1_000;

/** The path without IDs or query, for logs and errors ("/v2.0/sections/{id}/students"). */
function endpointOf(url: URL): string {
  return url.pathname.replace(/\/[0-9a-f]{24}(?=\/|$)/g, "/{id}");
}

function statusError(status: number, endpoint: string, retryAfter: string | null): CleverApiError {
  const details = { status, endpoint };
  if (status === 401) return new CleverApiError("unauthorized", `Clever refused the token (401) on ${endpoint}`, details);
  if (status === 403) return new CleverApiError("forbidden", `Clever forbade ${endpoint} for this token (403)`, details);
  if (status === 404) return new CleverApiError("not_found", `Clever has no ${endpoint} (404)`, details);
  if (status === 429) {
    return new CleverApiError("rate_limited", `Clever rate-limited ${endpoint} (429)`, {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter),
    });
  }
  return new CleverApiError("server_error", `Clever answered ${status} on ${endpoint}`, {
    ...details,
    retryAfterMs: status === 503 ? parseRetryAfter(retryAfter) : undefined,
  });
}

/** Readable zod problems without the offending values (they may be personal data). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
}

export function createCleverClient(options: CleverClientOptions) {
  const baseUrl = options.baseUrl ?? env().CLEVER_API_URL;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const policy: RetryPolicy = { ...defaultRetryPolicy(), ...options.retry };
  let requests = 0;

  async function getJson(url: URL): Promise<unknown> {
    const endpoint = endpointOf(url);
    return withRetry(async () => {
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
      let text: string;
      try {
        text = await response.text();
      } catch {
        throw new CleverApiError("unreachable", `Clever's answer to ${endpoint} was cut off`, { endpoint, status: response.status });
      }
      if (!response.ok) throw statusError(response.status, endpoint, response.headers.get("retry-after"));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new CleverApiError("malformed_response", `Clever sent invalid JSON on ${endpoint}`, { endpoint, status: response.status });
      }
    }, policy);
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

  async function one<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    const url = apiUrl(path);
    const body = validate(singleEnvelope(schema), await getJson(url), url);
    return body.data as z.infer<T>;
  }

  /** Every item of a list, following `next` links. */
  async function all<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>[]> {
    const envelope = listEnvelope(schema);
    let url = apiUrl(path);
    if (options.tokenKind === "district") url.searchParams.set("limit", String(MAX_PAGE_LIMIT));
    const items: z.infer<T>[] = [];
    const seen = new Set<string>();
    for (let page = 0; page < MAX_PAGES; page++) {
      seen.add(url.toString());
      const body = validate(envelope, await getJson(url), url);
      for (const entry of body.data) items.push(entry.data as z.infer<T>);
      const next = body.links?.find((link) => link.rel === "next");
      if (!next) return items;
      url = new URL(next.uri, baseUrl);
      if (seen.has(url.toString())) {
        throw new CleverApiError("malformed_response", `Clever's next link on ${endpointOf(url)} points back to a page already read`, {
          endpoint: endpointOf(url),
        });
      }
    }
    throw new CleverApiError("malformed_response", `more than ${MAX_PAGES} pages on ${endpointOf(url)}`, { endpoint: endpointOf(url) });
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    tokenKind: options.tokenKind,
    /** How many HTTP requests this client has made (retries included). */
    get requestCount() {
      return requests;
    },
    /** /v2.1/me: who the token belongs to, with `authorized_by`. */
    me: async () => {
      const url = apiUrl("/v2.1/me");
      return validate(cleverMeSchema, await getJson(url), url);
    },
    district: (districtId: string) => one(`/v2.0/districts/${id(districtId)}`, cleverDistrictSchema),
    school: (schoolId: string) => one(`/v2.0/schools/${id(schoolId)}`, cleverSchoolSchema),
    teacher: (teacherId: string) => one(`/v2.0/teachers/${id(teacherId)}`, cleverTeacherSchema),
    student: (studentId: string) => one(`/v2.0/students/${id(studentId)}`, cleverStudentSchema),
    section: (sectionId: string) => one(`/v2.0/sections/${id(sectionId)}`, cleverSectionSchema),
    districtAdmin: (adminId: string) => one(`/v2.0/district_admins/${id(adminId)}`, cleverDistrictAdminSchema),
    schoolAdmin: (adminId: string) => one(`/v2.0/school_admins/${id(adminId)}`, cleverSchoolAdminSchema),
    teacherSections: (teacherId: string) => all(`/v2.0/teachers/${id(teacherId)}/sections`, cleverSectionSchema),
    teacherStudents: (teacherId: string) => all(`/v2.0/teachers/${id(teacherId)}/students`, cleverStudentSchema),
    teacherSchools: (teacherId: string) => all(`/v2.0/teachers/${id(teacherId)}/schools`, cleverSchoolSchema),
    sectionStudents: (sectionId: string) => all(`/v2.0/sections/${id(sectionId)}/students`, cleverStudentSchema),
    sectionTeachers: (sectionId: string) => all(`/v2.0/sections/${id(sectionId)}/teachers`, cleverTeacherSchema),
    studentSections: (studentId: string) => all(`/v2.0/students/${id(studentId)}/sections`, cleverSectionSchema),
    studentTeachers: (studentId: string) => all(`/v2.0/students/${id(studentId)}/teachers`, cleverTeacherSchema),
  };
}

export type CleverClient = ReturnType<typeof createCleverClient>;
