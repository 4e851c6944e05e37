// Clever Data API v3.0 / v3.1 from the same store as v2 (one record, two
// shapes): one `users` object whose `roles` map holds a v2 record per role
// (student, teacher, staff = v2 school admin, district_admin), each but the
// student's with its v2 ID as `legacy_id`. v3 IDs: students keep their v2 ID, everyone else gets
// store.v3IdOf() (v3UserId in ids.ts; multi-role users one for all roles).
//
// Bodies follow clever-api/v3.0.yml and v3.1.yml: every object carries only
// the fields its definition declares (so v3.0 drops v3.1-only fields).
//   single: {data: {...}, links: [{rel: "self"|"district"|"sections"|…, uri}]}
//   list:   {data: [{data: {...}, uri}], links: [{rel: "self"|"next"|"prev", uri}]}
// The definitions' Link enum (next/prev/self) is what list `links` use; the
// related-record links of a single object are outside the definitions
// (Single responses declare only `data`), as Clever's docs list them
// ("links.district", "links.sections", …).
import { type Ctx, json } from "./http";
import {
  apiError,
  authenticate,
  type ApiDeps,
  htmlNotFound,
  pageOf,
  rateLimited,
  selfUri,
  sharingNow,
  userPagingRefusal,
  wrongTokenType,
} from "./data-api";
import type { AccessToken, Store, UserToken } from "./store";
import { definitionProperties } from "./swagger-schema";
import type { CleverObject, Reply, UserRef, UserType } from "./types";

/** A list's `role` filter survives paging: a next link of /users?role=student
 * pages through students only. */
const ROLE_FILTER = ["role"] as const;

export const V3_VERSIONS = ["v3.0", "v3.1"] as const;
export type V3Version = (typeof V3_VERSIONS)[number];

export type V3Role = "student" | "teacher" | "staff" | "district_admin";
export const V3_ROLES: readonly V3Role[] = ["student", "teacher", "staff", "district_admin"];

/** v2 user type -> v3 role name (v2 school admins are v3 staff). */
const V3_ROLE_OF: Record<UserType, V3Role> = {
  student: "student",
  teacher: "teacher",
  school_admin: "staff",
  district_admin: "district_admin",
};
export const V2_TYPE_OF: Record<V3Role, UserType> = {
  student: "student",
  teacher: "teacher",
  staff: "school_admin",
  district_admin: "district_admin",
};
/** Swagger definition of each v3 role object. */
export const ROLE_DEFINITION: Record<V3Role, string> = {
  student: "Student",
  teacher: "Teacher",
  staff: "Staff",
  district_admin: "DistrictAdmin",
};

interface Link {
  rel: string;
  uri: string;
}

export type V3Kind = "users" | "sections" | "schools" | "districts" | "terms" | "courses";

/** One v3 object ready to serve: its body and the links of its single response. */
export interface V3Object {
  id: string;
  district: string | undefined;
  body: Record<string, unknown>;
  links: Link[];
}

function pick(version: V3Version, definition: string, source: Record<string, unknown>, skip: string[] = []): Record<string, unknown> {
  const props = definitionProperties(version, definition);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (props.has(k) && !skip.includes(k) && v !== undefined) out[k] = v;
  return out;
}

// ------------------------------------------------------------------ shapes

/** The v3 User of one person (their v2 records, one per role). */
export function v3UserObject(store: Store, version: V3Version, v3Id: string, roles: UserRef[]): V3Object {
  const base = `/${version}/users/${v3Id}`;
  const district = v3UserDistrict(roles);
  const roleMap: Record<string, unknown> = {};
  let email: string | undefined;
  let name: unknown;
  let created: unknown;
  let lastModified: unknown;
  let schools = false;
  for (const ref of roles) {
    const role = V3_ROLE_OF[ref.type];
    const source: Record<string, unknown> = { ...ref.object, ...(store.roleExtras.get(ref.id) ?? {}) };
    const obj = pick(version, ROLE_DEFINITION[role], source, ["id", "name", "email"]);
    // Each role but the student's carries the v2 ID of its record, as
    // recorded (students keep their ID across versions; their role has none).
    if (role !== "student") obj.legacy_id = ref.id;
    roleMap[role] = obj;
    if (email === undefined && typeof ref.object.email === "string" && ref.object.email.length > 0) email = ref.object.email;
    if (name === undefined && typeof ref.object.name === "object" && ref.object.name !== null) name = ref.object.name;
    created ??= ref.object.created;
    lastModified ??= ref.object.last_modified;
    if (typeof ref.object.school === "string" || (ref.object.schools ?? []).length > 0) schools = true;
  }
  const body: Record<string, unknown> = { id: v3Id };
  if (district !== undefined) body.district = district;
  if (email !== undefined) body.email = email;
  if (name !== undefined) body.name = name;
  if (created !== undefined) body.created = created;
  if (lastModified !== undefined) body.last_modified = lastModified;
  body.roles = roleMap;
  const links: Link[] = [{ rel: "self", uri: base }];
  if (district !== undefined) links.push({ rel: "district", uri: `${base}/district` });
  if (schools) links.push({ rel: "schools", uri: `${base}/schools` });
  links.push({ rel: "sections", uri: `${base}/sections` });
  if ("teacher" in roleMap) links.push({ rel: "myStudents", uri: `${base}/mystudents` });
  if ("student" in roleMap) links.push({ rel: "myTeachers", uri: `${base}/myteachers` });
  return { id: v3Id, district, body, links };
}

function sectionObject(store: Store, version: V3Version, s: CleverObject): V3Object {
  const body = pick(version, "Section", s);
  // Sections name users by their v3 IDs.
  if (typeof s.teacher === "string") body.teacher = store.v3IdOf(s.teacher, "teacher");
  if (s.teachers) body.teachers = s.teachers.map((t) => store.v3IdOf(t, "teacher"));
  if (s.students) body.students = s.students.map((t) => store.v3IdOf(t, "student"));
  const base = `/${version}/sections/${s.id}`;
  const links: Link[] = [{ rel: "self", uri: base }];
  if (typeof s.district === "string") links.push({ rel: "district", uri: `${base}/district` });
  if (typeof s.school === "string") links.push({ rel: "school", uri: `${base}/school` });
  links.push({ rel: "users", uri: `${base}/users` });
  return { id: s.id, district: s.district, body, links };
}

function schoolObject(version: V3Version, s: CleverObject): V3Object {
  const base = `/${version}/schools/${s.id}`;
  return {
    id: s.id,
    district: s.district,
    body: pick(version, "School", s),
    links: [
      { rel: "self", uri: base },
      { rel: "district", uri: `${base}/district` },
      { rel: "sections", uri: `${base}/sections` },
      { rel: "users", uri: `${base}/users` },
    ],
  };
}

function districtObject(version: V3Version, d: CleverObject): V3Object {
  const body = pick(version, "District", d);
  // v3 documents launch_date as a date (YYYY-MM-DD).
  if (typeof body.launch_date === "string") body.launch_date = body.launch_date.slice(0, 10);
  return { id: d.id, district: d.id, body, links: [{ rel: "self", uri: `/${version}/districts/${d.id}` }] };
}

function plainObject(version: V3Version, kind: "terms" | "courses", o: CleverObject): V3Object {
  return {
    id: o.id,
    district: o.district,
    body: pick(version, kind === "terms" ? "Term" : "Course", o),
    links: [
      { rel: "self", uri: `/${version}/${kind}/${o.id}` },
      { rel: "district", uri: `/${version}/${kind}/${o.id}/district` },
    ],
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------- resolving

type Resolved = { one: V3Object } | { many: V3Object[] } | { status: 400 | 404; message: string };
const notFound: Resolved = { status: 404, message: "Resource not found" };

/** Endpoints Clever's v3 has but the sandbox does not model: a JSON 404. */
const UNMODELLED = new Set(["contacts", "resources", "mycontacts", "course", "term", "terms", "courses"]);

/** The district of a v3 user: the first of its roles' records that names one. */
function v3UserDistrict(roles: readonly UserRef[]): string | undefined {
  return roles.map((r) => r.object.district).find((d): d is string => typeof d === "string" && d.length > 0);
}

class V3View {
  constructor(
    readonly store: Store,
    readonly version: V3Version,
  ) {}

  allUsers(): ReadonlyMap<string, UserRef[]> {
    return this.store.v3Users();
  }

  user(v3Id: string): V3Object | undefined {
    const roles = this.allUsers().get(v3Id);
    return roles ? v3UserObject(this.store, this.version, v3Id, roles) : undefined;
  }

  /** v3 users holding any of these v2 records, sorted by v3 ID. */
  usersOf(refs: { id: string; type: UserType }[], role?: V3Role): V3Object[] {
    const ids = new Set(refs.filter((r) => role === undefined || V3_ROLE_OF[r.type] === role).map((r) => this.store.v3IdOf(r.id, r.type)));
    return [...ids].map((id) => this.user(id)).filter((u): u is V3Object => u !== undefined).sort(byId);
  }

  rolesOf(v3Id: string): UserRef[] {
    return this.allUsers().get(v3Id) ?? [];
  }

  sectionsOfUser(v3Id: string): CleverObject[] {
    const out = new Map<string, CleverObject>();
    for (const ref of this.rolesOf(v3Id)) {
      const sections =
        ref.type === "teacher" ? this.store.sectionsOfTeacher(ref.id) : ref.type === "student" ? this.store.sectionsOfStudent(ref.id) : [];
      for (const s of sections) out.set(s.id, s);
    }
    return [...out.values()].sort(byId);
  }

  get(kind: V3Kind, id: string): V3Object | undefined {
    const s = this.store;
    const v = this.version;
    switch (kind) {
      case "users":
        return this.user(id);
      case "sections": {
        const o = s.get("sections", id);
        return o ? sectionObject(s, v, o) : undefined;
      }
      case "schools": {
        const o = s.get("schools", id);
        return o ? schoolObject(v, o) : undefined;
      }
      case "districts": {
        const o = s.get("districts", id);
        return o ? districtObject(v, o) : undefined;
      }
      case "terms":
      case "courses": {
        const o = s.v3Only[kind].get(id);
        return o ? plainObject(v, kind, o) : undefined;
      }
    }
  }

  /**
   * One page of a district's list: the sorted records are kept between
   * requests (store.memo) and only the page is turned into v3 objects.
   */
  listPage(url: URL, kind: V3Kind, districtId: string, role: V3Role | "contact" | undefined, strict: boolean): Reply {
    const s = this.store;
    const v = this.version;
    switch (kind) {
      case "users": {
        const users = s.memo(`v3 users ${districtId} ${role ?? ""}`, () =>
          [...this.allUsers()]
            // Contacts are not modelled: ?role=contact is an empty list.
            .filter(([, roles]) => role !== "contact" && (role === undefined || roles.some((r) => V3_ROLE_OF[r.type] === role)))
            .filter(([, roles]) => v3UserDistrict(roles) === districtId)
            .map(([id, roles]) => ({ id, roles }))
            .sort(byId),
        );
        return pageOf(url, users, (page) => listItems(page.map((u) => v3UserObject(s, v, u.id, u.roles))), strict, ROLE_FILTER);
      }
      case "sections":
        return pageOf(url, s.listInDistrict("sections", districtId), (page) => listItems(page.map((o) => sectionObject(s, v, o))), strict);
      case "schools":
        return pageOf(url, s.listInDistrict("schools", districtId), (page) => listItems(page.map((o) => schoolObject(v, o))), strict);
      case "districts":
        return pageOf(url, s.listInDistrict("districts", districtId), (page) => listItems(page.map((o) => districtObject(v, o))), strict);
      case "terms":
      case "courses": {
        const all = s.memo(`v3 ${kind} ${districtId}`, () => [...s.v3Only[kind].values()].filter((o) => o.district === districtId).sort(byId));
        return pageOf(url, all, (page) => listItems(page.map((o) => plainObject(v, kind, o))), strict);
      }
    }
  }

  /** `/{kind}/{id}/{sub}`; undefined = no such endpoint. */
  sub(kind: V3Kind, parent: V3Object, sub: string, q: URLSearchParams): Resolved | undefined {
    const s = this.store;
    const v = this.version;
    const district = (): Resolved => {
      const d = parent.district === undefined ? undefined : s.get("districts", parent.district);
      return d ? { one: districtObject(v, d) } : notFound;
    };
    const role = q.get("role");
    switch (`${kind}/${sub}`) {
      case "users/district":
      case "sections/district":
      case "schools/district":
        return district();
      case "users/sections":
        return { many: this.sectionsOfUser(parent.id).map((o) => sectionObject(s, v, o)) };
      case "users/schools": {
        const schools = new Map<string, CleverObject>();
        for (const ref of this.rolesOf(parent.id)) for (const o of s.schoolsOf(ref.object)) schools.set(o.id, o);
        return { many: [...schools.values()].sort(byId).map((o) => schoolObject(v, o)) };
      }
      case "users/mystudents": {
        const teacherRoles = this.rolesOf(parent.id).filter((r) => r.type === "teacher");
        const students = s.studentsOfSections(teacherRoles.flatMap((r) => s.sectionsOfTeacher(r.id)));
        return { many: this.usersOf(students.map((o) => ({ id: o.id, type: "student" }))) };
      }
      case "users/myteachers": {
        const studentRoles = this.rolesOf(parent.id).filter((r) => r.type === "student");
        const teachers = s.teachersOfSections(studentRoles.flatMap((r) => s.sectionsOfStudent(r.id)));
        return { many: this.usersOf(teachers.map((o) => ({ id: o.id, type: "teacher" }))) };
      }
      case "sections/school": {
        const section = s.get("sections", parent.id);
        const school = typeof section?.school === "string" ? s.get("schools", section.school) : undefined;
        return school ? { one: schoolObject(v, school) } : notFound;
      }
      case "sections/users": {
        if (role !== null && role !== "student" && role !== "teacher") {
          return { status: 400, message: "role must be one of student, teacher" };
        }
        const section = s.get("sections", parent.id);
        if (!section) return notFound;
        const refs: { id: string; type: UserType }[] = [];
        if (role !== "student") for (const t of s.teachersOfSections([section])) refs.push({ id: t.id, type: "teacher" });
        if (role !== "teacher") for (const st of s.resolve("students", section.students ?? [])) refs.push({ id: st.id, type: "student" });
        return { many: this.usersOf(refs) };
      }
      case "schools/sections":
        return { many: s.list("sections").filter((o) => o.school === parent.id).map((o) => sectionObject(s, v, o)) };
      case "schools/users": {
        if (role !== null && role !== "student" && role !== "teacher" && role !== "staff") {
          return { status: 400, message: "role must be one of staff, student, teacher" };
        }
        const primary = q.get("primary") === "true";
        const refs: UserRef[] = [];
        for (const roles of this.allUsers().values()) {
          for (const r of roles) {
            if (r.type === "district_admin" || (role !== null && V3_ROLE_OF[r.type] !== role)) continue;
            const inSchool = primary
              ? r.object.school === parent.id || (r.type === "school_admin" && r.object.schools?.[0] === parent.id)
              : r.object.school === parent.id || (r.object.schools ?? []).includes(parent.id);
            if (inSchool) refs.push(r);
          }
        }
        return { many: this.usersOf(refs) };
      }
      default:
        return undefined;
    }
  }
}

/** One record in a v3 version's shape (what its single endpoint serves), or undefined. */
export function v3Record(store: Store, version: V3Version, kind: V3Kind, id: string): V3Object | undefined {
  return new V3View(store, version).get(kind, id);
}

// ------------------------------------------------------------------ access

/**
 * Strict: what a user token may read on v3, as Clever documents it: /me,
 * its district, its own /users/{v3 id}; a Library teacher also
 * /users/{self}/sections and /sections/{id}/users?role=student of its own
 * sections.
 */
function strictUserAccess(
  store: Store,
  token: UserToken,
  kind: V3Kind,
  id: string,
  sub: string | undefined,
  q: URLSearchParams,
): "ok" | "not_found" | "wrong_endpoint" {
  const user = store.findUser(token.userId);
  const sharing = sharingNow(store, token);
  const selfV3 = store.v3IdOf(token.userId, token.userType);
  if (sub === undefined) {
    if (kind === "districts") return sharing === "district" && user?.object.district === id ? "ok" : "not_found";
    if (kind === "users") return id === selfV3 ? "ok" : "not_found";
    return "wrong_endpoint";
  }
  if (sharing === "teacher" && token.userType === "teacher") {
    if (kind === "users" && sub === "sections") return id === selfV3 ? "ok" : "not_found";
    if (kind === "sections" && sub === "users" && q.get("role") === "student") {
      return store.sectionsOfTeacher(token.userId).some((s) => s.id === id) ? "ok" : "not_found";
    }
  }
  return "wrong_endpoint";
}

// ------------------------------------------------------------------ bodies

function listItems(objs: readonly V3Object[]): unknown[] {
  return objs.map((o) => ({ data: o.body, uri: o.links[0]?.uri ?? "" }));
}

function single(o: V3Object): Reply {
  return json(200, { data: o.body, links: o.links });
}

/** v3 /me as recorded (../shared/clever-recorded): for an SSO login
 * `{type: "user", data: {id, district, type: <role>, authorized_by}, links:
 * [self, canonical, district]}` (v3.0-me-2); Clever's demo token's
 * `{data: {id, district, type}}` alone (v3.0-me-1) when a fault asks for
 * "demo"; `type: "user"` inside `data` too when it asks for "user". */
function meBody(store: Store, version: V3Version, token: AccessToken, shape: Ctx["shape"]): unknown {
  if (token.kind === "district") return { data: { id: token.districtId, district: token.districtId, type: "district" } };
  const user = store.findUser(token.userId);
  const id = store.v3IdOf(token.userId, token.userType);
  const sharing = sharingNow(store, token);
  const district = sharing === "district" && typeof user?.object.district === "string" ? user.object.district : undefined;
  const role = V3_ROLE_OF[token.userType];
  if (shape?.me === "demo") return { data: { id, ...(district ? { district } : {}), type: role } };
  return {
    type: "user",
    data: { id, ...(district ? { district } : {}), type: shape?.me === "user" ? "user" : role, authorized_by: sharing },
    links: [
      { rel: "self", uri: "/me" },
      { rel: "canonical", uri: `/${version}/users/${id}` },
      ...(district ? [{ rel: "district", uri: `/${version}/districts/${district}` }] : []),
    ],
  };
}

const V3_KINDS: readonly V3Kind[] = ["users", "sections", "schools", "districts", "terms", "courses"];
/** Terms and courses are minimal: list and single only. */
const LIST_ONLY_SUBS = new Set<V3Kind>(["terms", "courses"]);

/** Handles /v3.0/* and /v3.1/*. */
export function handleDataApiV3(deps: ApiDeps, ctx: Ctx, version: V3Version, rest: string[]): Reply {
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return apiError(405, "method not allowed", { allow: "GET" });
  const token = authenticate(deps.store, ctx);
  if (!("kind" in token)) return token;
  return rateLimited(deps, token, () => answer(deps, ctx, version, rest, token));
}

function answer(deps: ApiDeps, ctx: Ctx, version: V3Version, rest: string[], token: AccessToken): Reply {
  const { store, strict } = deps;
  const q = ctx.url.searchParams;
  const refused = userPagingRefusal(token, ctx.url);
  if (refused) return refused;
  const [first, id, sub, ...extra] = rest;
  if (first === "me" && rest.length === 1) return json(200, meBody(store, version, token, ctx.shape));
  const kind = V3_KINDS.find((k) => k === first);
  const unmodelled = (name: string | undefined) => UNMODELLED.has(name ?? "");
  if (!kind || extra.length > 0) {
    return strict && !unmodelled(first) ? htmlNotFound() : apiError(404, "Resource not found");
  }
  if (sub !== undefined && LIST_ONLY_SUBS.has(kind)) {
    return strict && !unmodelled(kind) ? htmlNotFound() : apiError(404, "Resource not found");
  }
  const view = new V3View(store, version);
  const inDistrict = (o: V3Object) => token.kind === "district" && o.district === token.districtId;

  if (id === undefined) {
    if (token.kind !== "district") return wrongTokenType(strict, "list endpoints");
    const role = kind === "users" ? q.get("role") : null;
    if (role !== null && !V3_ROLES.includes(role as V3Role) && role !== "contact") {
      return apiError(400, "role must be one of contact, district_admin, staff, student, teacher");
    }
    return view.listPage(ctx.url, kind, token.districtId, (role ?? undefined) as V3Role | "contact" | undefined, strict);
  }

  const access = token.kind === "user" ? strictUserAccess(store, token, kind, id, sub, q) : undefined;
  if (strict && access === "wrong_endpoint") return htmlNotFound();

  const parent = view.get(kind, id);
  if (!parent) return apiError(404, "Resource not found");
  if (token.kind === "district") {
    if (!inDistrict(parent)) return apiError(404, "Resource not found");
  } else if (access !== "ok") {
    // Lenient: v3 keeps the strict reads and answers the rest with a 403.
    if (!strict) return apiError(403, "Forbidden: this token cannot read this resource");
    return apiError(404, "Resource not found");
  }

  const resolved: Resolved | undefined = sub === undefined ? { one: parent } : view.sub(kind, parent, sub, q);
  if (!resolved) return strict && !unmodelled(sub) ? htmlNotFound() : apiError(404, "Resource not found");
  if ("status" in resolved) return apiError(resolved.status, resolved.message);
  if ("one" in resolved) {
    if (token.kind === "district" && !inDistrict(resolved.one)) return apiError(404, "Resource not found");
    return single(resolved.one);
  }
  if (token.kind === "district") return pageOf(ctx.url, resolved.many.filter(inDistrict), listItems, strict, ROLE_FILTER);
  return json(200, { data: listItems(resolved.many), links: [{ rel: "self", uri: selfUri(ctx.url) }] });
}
