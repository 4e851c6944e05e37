// In-memory state of one sandbox: Clever's data (v2.0 shape), app
// registrations, district connections, codes, tokens, Clever sessions and
// Library consents. Everything is keyed by Clever ID; nothing is persisted.
import { randomBytes } from "node:crypto";
import { CODE_TTL_MS, SESSION_TTL_MS, TOKEN_TTL_MS } from "./config";
import { fixtures, seedData, seedRoleExtras, seedV3Links, seedV3Only } from "./fixtures";
import type { GeneratedSummary } from "./generated-district";
import { v3UserId } from "./ids";
import {
  KIND_USER_TYPE,
  KINDS,
  type AppRegistration,
  type CleverObject,
  type Kind,
  type Sharing,
  type UserRef,
  type UserType,
} from "./types";

export const LIBRARY_ID = fixtures.library.id;

export const USER_SCOPES: Record<Sharing, string> = {
  district: "read:user_id read:sis",
  teacher: "read:user_id read:sis read:teachers read:students read:sections",
};
export const DISTRICT_TOKEN_SCOPES = [
  "read:district_admins",
  "read:school_admins",
  "read:schools",
  "read:sections",
  "read:students",
  "read:teachers",
  "read:user_id",
  "read:sis",
];

export interface UserToken {
  kind: "user";
  token: string;
  clientId: string;
  userId: string;
  userType: UserType;
  sharing: Sharing;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface DistrictToken {
  kind: "district";
  token: string;
  /** The id GET /oauth/tokens reports for this token. */
  id: string;
  clientId: string;
  districtId: string;
  createdAt: number;
}

export type AccessToken = UserToken | DistrictToken;

export interface AuthCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  /** The authorize request's OIDC nonce, put in the id_token. */
  nonce?: string;
  expiresAt: number;
  /** Set on first exchange; a second exchange revokes this token. */
  issuedToken: string | null;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

function emptyData(): Record<Kind, Map<string, CleverObject>> {
  return {
    districts: new Map(),
    schools: new Map(),
    teachers: new Map(),
    students: new Map(),
    sections: new Map(),
    district_admins: new Map(),
    school_admins: new Map(),
  };
}

function byId(a: CleverObject, b: CleverObject): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every kind of record that can change: the v2 collections and v3's terms and courses. */
export type RecordKind = Kind | "terms" | "courses";

/**
 * Told about every change to a record (the events feed): `beforeChange` runs
 * before the record changes (once or more per record per transaction), and
 * `commit` when the outermost transaction ends, so one control call that
 * touches several records (a v3 user's roles) is one change.
 */
export interface StoreObserver {
  /** `v3Target`: the v3 user a role is about to join (linkV3Id), which changes too. */
  beforeChange(kind: RecordKind, id: string, v3Target?: string): void;
  commit(): void;
}

/** "First Last" as the login page shows it. */
export function displayName(obj: CleverObject): string {
  const n = obj.name;
  if (typeof n === "string") return n;
  if (n && typeof n === "object") {
    const parts = [n.first, n.last].filter((p): p is string => typeof p === "string" && p.length > 0);
    if (parts.length > 0) return parts.join(" ");
  }
  return obj.id;
}

export class Store {
  readonly apps = new Map<string, AppRegistration>();
  data = emptyData();
  /**
   * v2 ID -> v3 ID where it is not v3UserId(v2 ID): the roles of a multi-role
   * user (one v3 user, one v2 record per role) and users put in v3 shape.
   */
  v3Ids = new Map<string, string>();
  /** v3 role fields the v2 records cannot hold (e.g. a student's `ext`), by v2 ID. */
  roleExtras = new Map<string, Record<string, unknown>>();
  /** Records only v3 serves (minimal: terms, courses). */
  v3Only: { terms: Map<string, CleverObject>; courses: Map<string, CleverObject> } = { terms: new Map(), courses: new Map() };
  private codes = new Map<string, AuthCode>();
  private tokens = new Map<string, AccessToken>();
  /**
   * District-app tokens survive reset (a test may cache one); they are only
   * created, never rotated, per district+app.
   */
  private districtTokens = new Map<string, DistrictToken>();
  private sessions = new Map<string, Session>();
  private consents = new Set<string>();
  private connections = new Set<string>();
  private clockOffset = 0;
  /** Derived views (sorted lists, v3 users) of the current data; emptied by every change. */
  private memos = new Map<string, unknown>();
  private observers: StoreObserver[] = [];
  private depth = 0;
  /** Called by reset() to add seeded records beyond the fixtures (a generated district). */
  extraSeed: ((store: Store) => void) | undefined;
  /** What the generated district holds, when there is one (generated-district.ts). */
  generated: GeneratedSummary | undefined;

  constructor(
    private readonly baseClock: () => number,
    apps: AppRegistration[],
  ) {
    for (const app of apps) this.apps.set(app.client_id, app);
    this.reset();
  }

  now(): number {
    return this.baseClock() + this.clockOffset;
  }

  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  // ----------------------------------------------------------- changes

  observe(observer: StoreObserver): void {
    this.observers.push(observer);
  }

  /**
   * Runs `change` as one change: observers hear `commit` once, when the
   * outermost transaction ends. Every mutating method runs in one.
   */
  transaction<T>(change: () => T): T {
    this.depth += 1;
    try {
      return change();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) for (const o of this.observers) o.commit();
    }
  }

  /** Announces a change to one record and drops the derived views. */
  private willChange(kind: RecordKind, id: string, v3Target?: string): void {
    for (const o of this.observers) o.beforeChange(kind, id, v3Target);
    this.memos.clear();
  }

  /** A derived view of the data, computed once until the next change (pages must not copy everything per request). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Links a v2 record (a role) to the v3 user it belongs to. */
  linkV3Id(kind: Kind, v2Id: string, v3Id: string): void {
    this.transaction(() => {
      this.willChange(kind, v2Id, v3Id);
      this.v3Ids.set(v2Id, v3Id);
    });
  }

  /** The v3 role fields of a v2 record that v2 cannot hold (none: `undefined`). */
  setRoleExtras(kind: Kind, v2Id: string, extras: Record<string, unknown> | undefined): void {
    this.transaction(() => {
      this.willChange(kind, v2Id);
      if (extras && Object.keys(extras).length > 0) this.roleExtras.set(v2Id, extras);
      else this.roleExtras.delete(v2Id);
    });
  }

  /** Creates or replaces a v3-only record (term, course). */
  upsertV3Only(kind: "terms" | "courses", obj: CleverObject): void {
    this.transaction(() => {
      this.willChange(kind, obj.id);
      this.v3Only[kind].set(obj.id, obj);
    });
  }

  deleteV3Only(kind: "terms" | "courses", id: string): boolean {
    if (!this.v3Only[kind].has(id)) return false;
    this.transaction(() => {
      this.willChange(kind, id);
      this.v3Only[kind].delete(id);
    });
    return true;
  }

  /** Back to the seed: data, connections; no codes, user tokens, sessions or consents. */
  reset(): void {
    this.memos.clear();
    this.data = emptyData();
    const seed = seedData();
    for (const kind of KINDS) for (const obj of seed[kind]) this.data[kind].set(obj.id, obj);
    this.v3Ids.clear();
    for (const [v2Id, anchor] of Object.entries(seedV3Links())) this.v3Ids.set(v2Id, v3UserId(anchor.id, anchor.type));
    this.roleExtras = new Map(Object.entries(seedRoleExtras()));
    const v3Only = seedV3Only();
    this.v3Only = {
      terms: new Map(v3Only.terms.map((t) => [t.id, t])),
      courses: new Map(v3Only.courses.map((c) => [c.id, c])),
    };
    this.codes.clear();
    for (const [token, t] of this.tokens) if (t.kind === "user") this.tokens.delete(token);
    this.sessions.clear();
    this.consents.clear();
    this.connections.clear();
    this.clockOffset = 0;
    for (const app of this.apps.values()) {
      if (app.district_connected !== false) this.connect(fixtures.district.id, app.client_id);
    }
    this.seedConsents();
    this.extraSeed?.(this);
    this.memos.clear();
  }

  /**
   * teacherSharedBothWays has authorized every registered app through the
   * Library too: Clever routes them to the district while their district
   * shares them, and they need no consent screen once it stops.
   */
  seedConsents(): void {
    for (const app of this.apps.values()) this.grantConsent(fixtures.teacherSharedBothWays.id, app.client_id);
  }

  /**
   * Changes how one user is shared, keeping their Clever ID: "district" gives
   * the record a district and (teachers, students, school admins) a school;
   * "teacher" removes them (a Library user again). Sections are untouched.
   */
  setSharing(userId: string, sharedBy: Sharing, districtId: string, schoolId: string): UserRef | undefined {
    const user = this.findUser(userId);
    if (!user) return undefined;
    this.transaction(() => {
      this.willChange(user.kind, userId);
      this.applySharing(user, sharedBy, districtId, schoolId);
    });
    return this.findUser(userId);
  }

  private applySharing(user: UserRef, sharedBy: Sharing, districtId: string, schoolId: string): void {
    const obj = user.object;
    if (sharedBy === "district") {
      obj.district = districtId;
      if (user.kind === "teachers" || user.kind === "students") {
        obj.school = schoolId;
        obj.schools = [schoolId];
      } else if (user.kind === "school_admins") {
        obj.schools = [schoolId];
      }
    } else {
      delete obj.district;
      delete obj.school;
      delete obj.schools;
    }
  }

  // ------------------------------------------------------------------- data

  get(kind: Kind, id: string): CleverObject | undefined {
    return this.data[kind].get(id);
  }

  /** Every record of a kind, sorted by ID. Shared until the next change: do not modify it. */
  list(kind: Kind): readonly CleverObject[] {
    return this.memo(`list ${kind}`, () => [...this.data[kind].values()].sort(byId));
  }

  /** The records of a kind in one district, sorted by ID (shared, like list()). */
  listInDistrict(kind: Kind, districtId: string): readonly CleverObject[] {
    return this.memo(`list ${kind} ${districtId}`, () =>
      this.list(kind).filter((o) => (kind === "districts" ? o.id === districtId : o.district === districtId)),
    );
  }

  upsert(kind: Kind, obj: CleverObject): void {
    this.transaction(() => {
      this.willChange(kind, obj.id);
      this.data[kind].set(obj.id, obj);
    });
  }

  /** Deletes a record and the references sections hold to it. */
  delete(kind: Kind, id: string): boolean {
    if (!this.data[kind].has(id)) return false;
    this.transaction(() => {
      this.willChange(kind, id);
      this.data[kind].delete(id);
      if (KIND_USER_TYPE[kind] !== undefined) {
        this.v3Ids.delete(id);
        this.roleExtras.delete(id);
      }
      if (kind === "students" || kind === "teachers") {
        for (const section of this.data.sections.values()) {
          const holds = kind === "students" ? section.students?.includes(id) : section.teachers?.includes(id) || section.teacher === id;
          if (!holds) continue;
          // The sections that held it change too (Clever: sections.updated).
          this.willChange("sections", section.id);
          if (kind === "students" && section.students) section.students = section.students.filter((s) => s !== id);
          if (kind === "teachers") {
            if (section.teachers) section.teachers = section.teachers.filter((t) => t !== id);
            if (section.teacher === id) section.teacher = section.teachers?.[0] ?? null;
          }
        }
      }
    });
    return true;
  }

  /** District-shared when the record names a district; otherwise Library (teacher-shared). */
  sharingOf(obj: CleverObject): Sharing {
    return typeof obj.district === "string" && obj.district.length > 0 ? "district" : "teacher";
  }

  findUser(id: string): UserRef | undefined {
    for (const [kind, type] of Object.entries(KIND_USER_TYPE) as [Kind, UserType][]) {
      const object = this.data[kind].get(id);
      if (object) return { id, type, kind, object, sharing: this.sharingOf(object), v3Id: this.v3IdOf(id, type) };
    }
    return undefined;
  }

  /** The v3 user ID of the user whose v2 record (of this type) has this ID. */
  v3IdOf(v2Id: string, type: UserType): string {
    return this.v3Ids.get(v2Id) ?? v3UserId(v2Id, type);
  }

  /** Every v3 user: v3 ID -> the v2 records (one per role), in role order. Shared until the next change. */
  v3Users(): ReadonlyMap<string, UserRef[]> {
    return this.memo("v3 users", () => this.buildV3Users());
  }

  private buildV3Users(): Map<string, UserRef[]> {
    const out = new Map<string, UserRef[]>();
    for (const [kind, type] of Object.entries(KIND_USER_TYPE) as [Kind, UserType][]) {
      for (const object of this.data[kind].values()) {
        const v3Id = this.v3IdOf(object.id, type);
        const ref: UserRef = { id: object.id, type, kind, object, sharing: this.sharingOf(object), v3Id };
        const roles = out.get(v3Id);
        if (roles) roles.push(ref);
        else out.set(v3Id, [ref]);
      }
    }
    return out;
  }

  /** The v2 records (roles) of one v3 user, or undefined. */
  v3User(v3Id: string): UserRef[] | undefined {
    return this.v3Users().get(v3Id);
  }

  /** Users shown on a district's login page (LIBRARY_ID: the Library's users). */
  usersOf(districtId: string): UserRef[] {
    const order: UserType[] = ["district_admin", "school_admin", "teacher", "student"];
    const users: UserRef[] = [];
    for (const type of order) {
      const kind = (Object.keys(KIND_USER_TYPE) as Kind[]).find((k) => KIND_USER_TYPE[k] === type);
      if (!kind) continue;
      const inKind = [...this.data[kind].values()]
        .filter((o) => (districtId === LIBRARY_ID ? this.sharingOf(o) === "teacher" : o.district === districtId))
        .map((object): UserRef => ({
          id: object.id,
          type,
          kind,
          object,
          sharing: this.sharingOf(object),
          v3Id: this.v3IdOf(object.id, type),
        }))
        .sort((a, b) => displayName(a.object).localeCompare(displayName(b.object)));
      users.push(...inKind);
    }
    return users;
  }

  /** The login "district" of a user: their district, or the Library. */
  loginDistrictOf(user: UserRef): string {
    return user.sharing === "district" && typeof user.object.district === "string" ? user.object.district : LIBRARY_ID;
  }

  sectionsOfTeacher(teacherId: string): CleverObject[] {
    return this.list("sections").filter((s) => s.teachers?.includes(teacherId) || s.teacher === teacherId);
  }

  sectionsOfStudent(studentId: string): CleverObject[] {
    return this.list("sections").filter((s) => s.students?.includes(studentId));
  }

  /** Existing records of `kind` among `ids`, sorted by ID, each once. */
  resolve(kind: Kind, ids: Iterable<string>): CleverObject[] {
    const out = new Map<string, CleverObject>();
    for (const id of ids) {
      const obj = this.data[kind].get(id);
      if (obj) out.set(id, obj);
    }
    return [...out.values()].sort(byId);
  }

  studentsOfSections(sections: CleverObject[]): CleverObject[] {
    return this.resolve("students", sections.flatMap((s) => s.students ?? []));
  }

  teachersOfSections(sections: CleverObject[]): CleverObject[] {
    return this.resolve(
      "teachers",
      sections.flatMap((s) => [...(s.teachers ?? []), ...(typeof s.teacher === "string" ? [s.teacher] : [])]),
    );
  }

  schoolsOf(obj: CleverObject): CleverObject[] {
    const ids = [...(obj.schools ?? []), ...(typeof obj.school === "string" ? [obj.school] : [])];
    return this.resolve("schools", ids);
  }

  // ------------------------------------------------------------ connections

  connect(districtId: string, clientId: string): void {
    this.connections.add(`${districtId} ${clientId}`);
  }

  disconnect(districtId: string, clientId: string): void {
    this.connections.delete(`${districtId} ${clientId}`);
  }

  isConnected(districtId: string, clientId: string): boolean {
    return this.connections.has(`${districtId} ${clientId}`) && this.data.districts.has(districtId);
  }

  /** District-app tokens of the districts connected to an app (created on first use). */
  districtTokensFor(clientId: string): DistrictToken[] {
    const out: DistrictToken[] = [];
    for (const district of this.list("districts")) {
      if (!this.isConnected(district.id, clientId)) continue;
      const key = `${district.id} ${clientId}`;
      let t = this.districtTokens.get(key);
      if (!t) {
        t = {
          kind: "district",
          token: randomHex(20),
          id: randomHex(12),
          clientId,
          districtId: district.id,
          createdAt: this.now(),
        };
        this.districtTokens.set(key, t);
      }
      out.push(t);
    }
    return out;
  }

  // ------------------------------------------------------------ codes/tokens

  issueCode(clientId: string, userId: string, redirectUri: string, nonce?: string): string {
    const code = randomHex(20);
    const record: AuthCode = { code, clientId, userId, redirectUri, expiresAt: this.now() + CODE_TTL_MS, issuedToken: null };
    if (nonce !== undefined) record.nonce = nonce;
    this.codes.set(code, record);
    return code;
  }

  getCode(code: string): AuthCode | undefined {
    return this.codes.get(code);
  }

  issueUserToken(code: AuthCode, user: UserRef): UserToken {
    const now = this.now();
    const t: UserToken = {
      kind: "user",
      token: randomHex(20),
      clientId: code.clientId,
      userId: user.id,
      userType: user.type,
      sharing: user.sharing,
      createdAt: now,
      expiresAt: now + TOKEN_TTL_MS,
      revoked: false,
    };
    this.tokens.set(t.token, t);
    code.issuedToken = t.token;
    return t;
  }

  revokeToken(token: string): void {
    const t = this.tokens.get(token);
    if (t && t.kind === "user") t.revoked = true;
  }

  /** The token record whatever its state (expired, revoked, disconnected): whose it is, for the request log. */
  peekToken(token: string): AccessToken | undefined {
    const t = this.tokens.get(token);
    if (t) return t;
    for (const d of this.districtTokens.values()) if (d.token === token) return d;
    return undefined;
  }

  /** A usable token, or why it is not. */
  lookupToken(token: string): AccessToken | "expired" | "revoked" | undefined {
    const t = this.tokens.get(token);
    if (t) {
      if (t.kind === "user") {
        if (t.revoked) return "revoked";
        if (this.now() >= t.expiresAt) return "expired";
      }
      return t;
    }
    for (const d of this.districtTokens.values()) {
      // A disconnected district's token stops working.
      if (d.token === token) return this.isConnected(d.districtId, d.clientId) ? d : "revoked";
    }
    return undefined;
  }

  // ------------------------------------------------------- sessions/consent

  createSession(userId: string): Session {
    const s: Session = { id: randomHex(24), userId, expiresAt: this.now() + SESSION_TTL_MS };
    this.sessions.set(s.id, s);
    return s;
  }

  getSession(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (this.now() >= s.expiresAt || !this.findUser(s.userId)) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  endSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  grantConsent(userId: string, clientId: string): void {
    this.consents.add(`${userId} ${clientId}`);
  }

  /**
   * A Library user has authorized an app if they allowed it themselves, or
   * (students) one of their teachers installed it: Clever then adds the app to
   * the portal of the teacher's shared students.
   */
  hasConsent(user: UserRef, clientId: string): boolean {
    if (this.consents.has(`${user.id} ${clientId}`)) return true;
    if (user.type !== "student") return false;
    return this.teachersOfSections(this.sectionsOfStudent(user.id)).some((t) => this.consents.has(`${t.id} ${clientId}`));
  }
}
