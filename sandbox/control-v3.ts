// The control API's v3-shaped records: GET/PUT/DELETE /sandbox/data/users[/{v3 id}]
// and /sandbox/data/terms|courses[/{id}] (v3-only records).
// A PUT takes a Clever v3.1 User (bare or {data: …}, validated against
// v3.1.yml) and stores it as one v2 record per role (the same store v2 reads),
// each role's v2 ID its `legacy_id`.
import { createHash } from "node:crypto";
import { ROLE_DEFINITION, V2_TYPE_OF, V3_ROLES, type V3Role, v3UserObject } from "./data-api-v3";
import { type Ctx, json } from "./http";
import type { Store } from "./store";
import { definitionProperties, definitionValidator, type DefinitionValidator } from "./swagger-schema";
import { type CleverObject, KIND_DEFINITION, type Reply, USER_TYPE_KIND } from "./types";

let v31: DefinitionValidator | undefined;
let v20: DefinitionValidator | undefined;

function badRequest(message: string, details?: unknown): Reply {
  return json(400, details === undefined ? { error: message } : { error: message, details });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A v2 ID for a new non-student role nobody named (deterministic). */
function derivedLegacyId(v3Id: string, role: V3Role): string {
  return createHash("sha1").update(`clever-sandbox-legacy:${v3Id}:${role}`).digest("hex").slice(0, 24);
}

function v3Body(store: Store, v3Id: string): unknown {
  const roles = store.v3User(v3Id);
  return roles ? v3UserObject(store, "v3.1", v3Id, roles).body : undefined;
}

/** A PUT's record (bare or {data: …}) with the path's ID, or why it is refused. */
function recordBody(ctx: Ctx, id: string): { record: Record<string, unknown> } | { refused: Reply } {
  let body: unknown;
  try {
    const text = ctx.body.toString("utf8").trim();
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    return { refused: badRequest("body must be JSON") };
  }
  if (isRecord(body) && isRecord(body.data)) body = body.data;
  if (!isRecord(body)) return { refused: badRequest("body must be a JSON object") };
  if (body.id !== undefined && body.id !== id) return { refused: badRequest("body id does not match the path") };
  return { record: { ...body, id } };
}

function putUser(store: Store, v3Id: string, ctx: Ctx): Reply {
  const read = recordBody(ctx, v3Id);
  if ("refused" in read) return read.refused;
  const user = read.record;
  v31 ??= definitionValidator("v3.1");
  const problem = v31.check("User", user);
  if (problem) return badRequest("not a valid Clever v3.1 User", problem);
  const roles = isRecord(user.roles) ? user.roles : {};
  if ("contact" in roles) return badRequest("contact roles are not modelled by the sandbox");
  const given = V3_ROLES.filter((r) => isRecord(roles[r]));
  if (given.length === 0) return badRequest("roles must hold at least one of student, teacher, staff, district_admin");
  if (typeof user.district === "string" && !store.get("districts", user.district)) {
    return badRequest(`unknown district ${user.district} (omit district for a Library user)`);
  }

  const existing = store.v3User(v3Id) ?? [];
  v20 ??= definitionValidator("v2.0");
  const records: { role: V3Role; kind: (typeof USER_TYPE_KIND)[keyof typeof USER_TYPE_KIND]; obj: CleverObject; extras: Record<string, unknown> }[] = [];
  for (const role of given) {
    const type = V2_TYPE_OF[role];
    const kind = USER_TYPE_KIND[type];
    const fields = roles[role] as Record<string, unknown>;
    const named = typeof fields.legacy_id === "string" ? fields.legacy_id : undefined;
    const legacy = named ?? existing.find((r) => r.type === type)?.id ?? (role === "student" ? v3Id : derivedLegacyId(v3Id, role));
    // Students keep their ID on v3; everyone else's v3 ID differs from the v2 one.
    if (role === "student" && legacy !== v3Id) return badRequest("a student's legacy_id is their v3 id (students keep their ID)");
    if (role !== "student" && legacy === v3Id) return badRequest(`a ${role}'s legacy_id (v2 ID) must differ from the v3 id`);
    if (store.get(kind, legacy) && store.v3IdOf(legacy, type) !== v3Id) {
      return badRequest(`legacy_id ${legacy} is the ${role} role of another v3 user (${store.v3IdOf(legacy, type)})`);
    }
    const v2Props = definitionProperties("v2.0", KIND_DEFINITION[kind]);
    const obj: CleverObject = { id: legacy };
    for (const k of ["district", "name", "email", "created", "last_modified"]) {
      if (user[k] !== undefined && v2Props.has(k)) obj[k] = user[k];
    }
    const extras: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (k === "legacy_id" || k === "id") continue;
      if (v2Props.has(k)) obj[k] = v;
      else if (definitionProperties("v3.1", ROLE_DEFINITION[role]).has(k)) extras[k] = v;
    }
    const v2Problem = v20.check(KIND_DEFINITION[kind], obj);
    if (v2Problem) return badRequest(`the ${role} role does not make a valid v2.0 ${KIND_DEFINITION[kind]}`, v2Problem);
    records.push({ role, kind, obj, extras });
  }

  const created = existing.length === 0;
  // One change: the events feed sees one users.created/updated, not one per role.
  store.transaction(() => {
    for (const old of existing) {
      if (!records.some((r) => r.kind === old.kind && r.obj.id === old.id)) store.delete(old.kind, old.id);
    }
    for (const { role, kind, obj, extras } of records) {
      store.upsert(kind, obj);
      if (role !== "student") store.linkV3Id(kind, obj.id, v3Id);
      store.setRoleExtras(kind, obj.id, extras);
    }
  });
  return json(created ? 201 : 200, { data: v3Body(store, v3Id) });
}

/** /sandbox/data/users[/{v3 id}]: v3-shaped users (GET, PUT, DELETE). */
export function handleV3Users(store: Store, ctx: Ctx, v3Id: string | undefined): Reply {
  if (v3Id === undefined) {
    if (ctx.method !== "GET") return json(405, { error: "an id is required" });
    return json(200, { data: [...store.v3Users().keys()].sort().map((id) => v3Body(store, id)) });
  }
  if (ctx.method === "PUT") return putUser(store, v3Id, ctx);
  const roles = store.v3User(v3Id);
  if (!roles) return json(404, { error: "not found" });
  if (ctx.method === "DELETE") {
    store.transaction(() => {
      for (const r of [...roles]) store.delete(r.kind, r.id);
    });
    return json(200, { ok: true });
  }
  return json(200, { data: v3Body(store, v3Id) });
}

/**
 * /sandbox/data/terms|courses[/{id}]: the v3-only records (GET, PUT, DELETE).
 * A PUT takes a Clever v3.1 Term or Course (bare or {data: …}), validated
 * against v3.1.yml; its district must exist.
 */
export function handleV3Only(store: Store, ctx: Ctx, kind: "terms" | "courses", id: string | undefined): Reply {
  if (id === undefined) {
    if (ctx.method !== "GET") return json(405, { error: "an id is required" });
    return json(200, { data: [...store.v3Only[kind].values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) });
  }
  if (ctx.method === "DELETE") return store.deleteV3Only(kind, id) ? json(200, { ok: true }) : json(404, { error: "not found" });
  if (ctx.method === "GET") {
    const obj = store.v3Only[kind].get(id);
    return obj ? json(200, { data: obj }) : json(404, { error: "not found" });
  }
  const read = recordBody(ctx, id);
  if ("refused" in read) return read.refused;
  const obj = read.record;
  const definition = kind === "terms" ? "Term" : "Course";
  v31 ??= definitionValidator("v3.1");
  const problem = v31.check(definition, obj);
  if (problem) return badRequest(`not a valid Clever v3.1 ${definition}`, problem);
  if (typeof obj.district !== "string" || !store.get("districts", obj.district)) return badRequest(`unknown district ${String(obj.district)}`);
  const created = !store.v3Only[kind].has(id);
  store.upsertV3Only(kind, obj as CleverObject);
  return json(created ? 201 : 200, { data: obj });
}
