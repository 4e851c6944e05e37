// Security hardening #12, item 7: what comes back from Clever is bounded.
// Paging links stay on the API origin, bodies and lists have a size cap, IDs
// are plain tokens before they reach a URL, and text loses control characters
// while every other character stays byte-exact.
import { afterEach, describe, expect, test, vi } from "vitest";
import { fakeFetch } from "@/tests/support/fake-fetch";
import { log } from "@/lib/platform/log";
import { CLEVER_LIMITS, type CleverLimits, createCleverClient } from "./client";
import { cleverMeSchema, cleverSchoolSchema, cleverSectionSchema, cleverStudentSchema, cleverTeacherSchema, isCleverId } from "./schemas";

const BASE = "https://api.clever.test";

const client = (tokenKind: "user" | "district", fetchFn: typeof fetch, limits?: Partial<CleverLimits>) =>
  createCleverClient({ token: "secret-token", tokenKind, baseUrl: BASE, fetch: fetchFn, retry: { baseDelayMs: 1, maxDelayMs: 2 }, limits });

const item = (id: string) => ({ data: { id }, uri: `/v2.0/students/${id}` });
const page = (ids: string[], next?: string) => ({ data: ids.map(item), links: next === undefined ? [] : [{ rel: "next", uri: next }] });

/** A body streamed in `chunk`-byte pieces, `total` bytes in all (valid JSON
 * when read whole), counting how much the client pulled. */
function streamedTeacher(total: number, chunk = 64 * 1024) {
  const head = '{"data":{"id":"t1","name":{"first":"';
  const tail = '"}}}';
  const filler = total - head.length - tail.length;
  let sent = 0;
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const at = sent + i;
        bytes[i] = at < head.length ? head.charCodeAt(at) : at < head.length + filler ? 0x61 : tail.charCodeAt(at - head.length - filler);
      }
      sent += size;
      pulled.bytes = sent;
      controller.enqueue(bytes);
    },
  });
  return { stream, pulled };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("[security] Clever paging links stay on the API origin", () => {
  test("[security] a next link to another origin is never followed", async () => {
    const { fn, urls } = fakeFetch((url) =>
      url.searchParams.get("starting_after") === null
        ? // A same-origin absolute link is fine and followed...
          { body: page(["a"], `${BASE}/v2.0/sections/s1/students?limit=1&starting_after=a`) }
        : // ...one to another origin is refused before any request.
          { body: page(["b"], "https://evil.test/v2.0/sections/s1/students?starting_after=b") },
    );
    const error = await client("district", fn).sectionStudents("s1").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "CleverApiError", code: "malformed_response" });
    expect(String(error)).toMatch(/next link/);
    expect(String(error)).not.toContain("evil.test");
    expect(urls.map((u) => u.origin)).toEqual([BASE, BASE]);
  });

  test.each([
    ["protocol-relative", "//evil.test/v2.0/sections/s1/students"],
    ["protocol-relative with a backslash", "/\\evil.test/v2.0/sections/s1/students"],
    ["protocol-relative to our own host", "//api.clever.test/v2.0/sections/s1/students?starting_after=a"],
    ["with userinfo", "https://user:pw@api.clever.test/v2.0/sections/s1/students?starting_after=a"],
    ["with userinfo hiding another host", "https://api.clever.test@evil.test/v2.0/sections/s1/students"],
    ["plain http on our host", "http://api.clever.test/v2.0/sections/s1/students?starting_after=a"],
    ["another port", "https://api.clever.test:8443/v2.0/sections/s1/students?starting_after=a"],
    ["another scheme", "javascript:alert(1)"],
    ["unparseable", "https://[::1"],
  ])("[security] a next link %s is never followed", async (_, next) => {
    const { fn, urls } = fakeFetch(() => ({ body: page(["a"], next) }));
    await expect(client("district", fn).sectionStudents("s1")).rejects.toMatchObject({ code: "malformed_response" });
    expect(urls).toHaveLength(1);
    expect(urls[0]?.origin).toBe(BASE);
  });
});

describe("[security] responses and lists from Clever are size-capped", () => {
  test("[security] a body over the size cap is refused, read no further than the cap", async () => {
    const limit = 256 * 1024;
    const chunk = 64 * 1024;
    const { stream, pulled } = streamedTeacher(16 * limit, chunk);
    const { fn } = fakeFetch(() => ({ body: stream }));
    const error = await client("user", fn, { maxBodyBytes: limit }).teacher("t1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_response", retryable: false });
    expect(String(error)).toMatch(/larger than/);
    // Abandoned at the cap (give or take the chunks a stream pulls ahead), not after the whole body.
    expect(pulled.bytes).toBeLessThanOrEqual(limit + 4 * chunk);
  });

  test("[security] a body just under the cap is read; a declared Content-Length over the cap is refused unread", async () => {
    const limit = 64 * 1024;
    const under = streamedTeacher(limit);
    expect((await client("user", fakeFetch(() => ({ body: under.stream })).fn, { maxBodyBytes: limit }).teacher("t1")).id).toBe("t1");
    // The body itself is small: only the declared length can refuse it.
    const declared = fakeFetch(() => ({ body: { data: { id: "t1" } }, headers: { "content-length": String(limit + 1) } }));
    await expect(client("user", declared.fn, { maxBodyBytes: limit }).teacher("t1")).rejects.toMatchObject({ code: "malformed_response" });
  });

  test("[security] the default body cap is enforced and leaves room for Clever's largest page", async () => {
    // A 10,000-record page of full v2 student records is about 15 MB.
    expect(CLEVER_LIMITS.maxBodyBytes).toBeGreaterThanOrEqual(24 * 1024 * 1024);
    expect(CLEVER_LIMITS.maxBodyBytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    const { stream, pulled } = streamedTeacher(CLEVER_LIMITS.maxBodyBytes + 1024 * 1024, 1024 * 1024);
    await expect(client("user", fakeFetch(() => ({ body: stream })).fn).teacher("t1")).rejects.toMatchObject({ code: "malformed_response" });
    expect(pulled.bytes).toBeLessThanOrEqual(CLEVER_LIMITS.maxBodyBytes + 1024 * 1024);
  });

  test("[security] a list stops at the page cap", async () => {
    let n = 0;
    const endless = () => fakeFetch(() => ({ body: page([`p${++n}`], `/v2.0/sections/s1/students?starting_after=p${n}`) }));
    const small = endless();
    await expect(client("district", small.fn, { maxPages: 3 }).sectionStudents("s1")).rejects.toMatchObject({ code: "malformed_response" });
    expect(small.urls).toHaveLength(3);
    const byDefault = endless();
    const error = await client("district", byDefault.fn).sectionStudents("s1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_response" });
    expect(String(error)).toMatch(new RegExp(`more than ${CLEVER_LIMITS.maxPages} pages`));
    expect(byDefault.urls).toHaveLength(CLEVER_LIMITS.maxPages);
    // 10,000 records a page: far beyond any teacher's or section's list, and
    // well inside Clever's 1,200 requests a minute.
    expect(CLEVER_LIMITS.maxPages).toBeLessThanOrEqual(100);
  });

  test("[security] all pages of one list together stay under the list cap", async () => {
    const pad = "x".repeat(40 * 1024);
    let n = 0;
    const { fn, urls } = fakeFetch(() => {
      n += 1;
      return { body: { data: [{ data: { id: `p${n}`, name: { first: pad } } }], links: [{ rel: "next", uri: `/v2.0/sections/s1/students?starting_after=p${n}` }] } };
    });
    const error = await client("district", fn, { maxBodyBytes: 64 * 1024, maxListBytes: 200 * 1024 }).sectionStudents("s1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_response" });
    expect(String(error)).toMatch(/larger than/);
    expect(urls.length).toBeLessThanOrEqual(5);
  });
});

describe("[security] Clever IDs are plain tokens before they reach a URL", () => {
  const unsafe = ["..", ".", "../x", "/", "a/b", "%2e%2e", "%2F", "a?b", "a#b", "a b", "a\u0000b", "é", "", "a".repeat(2_000), "a".repeat(65)];

  test("[security] the shape rule: 24-hex object IDs and other plain tokens pass, anything else does not", () => {
    for (const id of ["5e1ec7ab1e0000000000a001", "t1", "A-b_9", "a".repeat(64)]) expect(isCleverId(id)).toBe(true);
    for (const id of unsafe) expect(isCleverId(id), JSON.stringify(id.slice(0, 10))).toBe(false);
    expect(isCleverId(42)).toBe(false);
  });

  test("[security] an unsafe ID never reaches the API path", async () => {
    const { fn, urls } = fakeFetch(() => ({ body: { data: { id: "t1" } } }));
    const c = client("district", fn);
    for (const id of unsafe) {
      for (const call of [c.teacher, c.student, c.school, c.district, c.section, c.sectionStudents, c.teacherSections, c.studentTeachers]) {
        await expect(call(id)).rejects.toMatchObject({ code: "malformed_response" });
      }
    }
    expect(urls).toEqual([]);
  });

  test("[security] a listed record with an unsafe ID is skipped and logged by position, the rest kept", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const bad = ["../x", "a".repeat(2_000), "%2e%2e", ".."];
    const { fn } = fakeFetch(() => ({ body: { data: [item("a"), ...bad.map(item), item("b")], links: [] } }));
    const students = await client("user", fn).teacherStudents("t1");
    expect(students.map((s) => s.id)).toEqual(["a", "b"]);
    expect(warn).toHaveBeenCalledTimes(1);
    const [fields] = warn.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(fields).toMatchObject({ skipped: [1, 2, 3, 4], page: 1 });
    const logged = JSON.stringify(warn.mock.calls);
    for (const id of bad.slice(0, 3)) expect(logged).not.toContain(id);
    // Only an unaddressable record is skipped: one broken in another way still
    // fails the list, as skipping it would archive a real person's enrollment.
    const broken = fakeFetch(() => ({ body: { data: [item("a"), item(".."), { data: { id: "b", schools: "one" } }], links: [] } }));
    const error = await client("user", broken.fn).teacherStudents("t1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_response" });
    expect(String(error)).toMatch(/data\.2\.data\.schools/);
  });

  test("[security] a single record or /me with an unsafe ID is a clean malformed_response", async () => {
    for (const id of ["../x", "a".repeat(2_000), "%2e%2e"]) {
      const me = fakeFetch(() => ({ body: { type: "teacher", data: { id, type: "teacher", authorized_by: "teacher" } } }));
      const error = await client("user", me.fn).me().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "CleverApiError", code: "malformed_response" });
      expect(String(error)).toMatch(/data\.id/);
      expect(String(error)).not.toContain(id);
      const one = fakeFetch(() => ({ body: { data: { id } } }));
      await expect(client("user", one.fn).teacher("t1")).rejects.toMatchObject({ code: "malformed_response" });
    }
  });

  test("[security] an unsafe ID among a record's references is dropped, the record kept", () => {
    const section = cleverSectionSchema.parse({
      id: "s1",
      teacher: "..",
      teachers: ["t1", "../t2", "%2e%2e", "t3"],
      students: ["a", "a".repeat(2_000), "b", "/"],
      school: "../x",
      district: "d1",
    });
    expect(section).toMatchObject({ id: "s1", teachers: ["t1", "t3"], students: ["a", "b"], district: "d1" });
    expect(section.teacher ?? null).toBeNull();
    expect(section.school).toBeUndefined();
    const teacher = cleverTeacherSchema.parse({ id: "t1", school: "..", schools: ["k1", "k/2"], district: "%2e%2e" });
    expect(teacher.school).toBeUndefined();
    expect(teacher.schools).toEqual(["k1"]);
    expect(teacher.district).toBeUndefined();
    const me = cleverMeSchema.parse({ type: "teacher", data: { id: "t1", district: "../d" } });
    expect(me.data.district).toBeUndefined();
  });
});

describe("[security] control characters are stripped from Clever text, everything else kept byte-exact", () => {
  const bytes = (s: string | null | undefined) => Buffer.from(s ?? "", "utf8").toString("hex");

  test("[security] NUL, C0, DEL, C1 and lone surrogates are stripped; spaces kept", () => {
    const student = cleverStudentSchema.parse({
      id: "s1",
      name: { first: "Zo\u0000e", middle: "\u0007\u001B[31m", last: "O'Brien\u007F\u0085\u009F  Jr" },
      email: "zoe\u0000@example.test",
      sis_id: "12\u00003",
      student_number: "\t42\n",
    });
    expect(student.name).toEqual({ first: "Zoe", middle: "[31m", last: "O'Brien  Jr" });
    expect(student.email).toBe("zoe@example.test");
    expect(student.sis_id).toBe("123");
    expect(student.student_number).toBe("42");
    expect(cleverTeacherSchema.parse({ id: "t1", name: { first: "Li\uD800am", last: "Chen\uDFFF" } }).name).toEqual({ first: "Liam", last: "Chen" });
    expect(cleverSectionSchema.parse({ id: "x", name: "Art\u0000 Club", period: "2\u0000" })).toMatchObject({ name: "Art Club", period: "2" });
    expect(cleverSchoolSchema.parse({ id: "k", name: "Lake\u0000 School", location: { city: "Oak\u0000" } })).toMatchObject({ name: "Lake School", location: { city: "Oak" } });
  });

  test("[security] an NFD name, RTL names with bidi marks, and emoji names are kept byte-exact", () => {
    const names = [
      "Jose\u0301 Nu\u0303n\u0303ez", // NFD: combining marks, not normalized
      "e\u0301".normalize("NFD"),
      "\u0639\u0627\u0626\u0634\u0629\u200F", // Arabic with a right-to-left mark
      "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD \u05D1\u05DF\u05BE\u05D3\u05D5\u05D3", // Hebrew with points and maqaf
      "\u200E\u202BMixed\u202C", // LRM and embeddings (format characters, not control)
      "\u{1F98A} Fox", // astral emoji
      "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}", // ZWJ family
      "\u{1F44B}\u{1F3FD} Kai\uFE0F", // skin tone and a variation selector
      "Ana\u00A0Mar\u00EDa", // no-break space, NFC
    ];
    for (const name of names) {
      const parsed = cleverStudentSchema.parse({ id: "s1", name: { first: name, last: name } });
      expect(bytes(parsed.name?.first)).toBe(bytes(name));
      expect(bytes(parsed.name?.last)).toBe(bytes(name));
      expect(bytes(cleverSectionSchema.parse({ id: "x", name }).name)).toBe(bytes(name));
    }
    // Control characters around such a name go; the name itself stays exact.
    const nfd = "Jose\u0301";
    expect(bytes(cleverStudentSchema.parse({ id: "s1", name: { first: `\u0000${nfd}\u0000` } }).name?.first)).toBe(bytes(nfd));
  });
});
