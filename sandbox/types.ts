// Shared types of the local Clever sandbox.
//
// Data objects are stored exactly in Clever's Data API v2.0 shape (see
// clever-api/v2.0.yml). Only the fields the sandbox itself reads are typed;
// everything else passes through untouched, so the control API can upsert any
// field Clever defines.

export type UserType = "teacher" | "student" | "school_admin" | "district_admin";
export const USER_TYPES: readonly UserType[] = ["teacher", "student", "school_admin", "district_admin"];

/** Data API collection names (the plural path segment). */
export type Kind = "districts" | "schools" | "teachers" | "students" | "sections" | "district_admins" | "school_admins";
export const KINDS: readonly Kind[] = [
  "districts",
  "schools",
  "teachers",
  "students",
  "sections",
  "district_admins",
  "school_admins",
];

/** The user type whose records live in a collection, if any. */
export const KIND_USER_TYPE: Partial<Record<Kind, UserType>> = {
  teachers: "teacher",
  students: "student",
  school_admins: "school_admin",
  district_admins: "district_admin",
};

export const USER_TYPE_KIND: Record<UserType, Kind> = {
  teacher: "teachers",
  student: "students",
  school_admin: "school_admins",
  district_admin: "district_admins",
};

/** Swagger definition name of one object of each kind (for validation). */
export const KIND_DEFINITION: Record<Kind, string> = {
  districts: "District",
  schools: "School",
  teachers: "Teacher",
  students: "Student",
  sections: "Section",
  district_admins: "DistrictAdmin",
  school_admins: "SchoolAdmin",
};

export interface PersonName {
  first?: string | null;
  middle?: string | null;
  last?: string | null;
}

/** Any Clever v2.0 object. Known fields are typed; the rest is opaque. */
export interface CleverObject {
  id: string;
  district?: string;
  school?: string;
  schools?: string[];
  name?: PersonName | string | null;
  email?: string | null;
  teacher?: string | null;
  teachers?: string[];
  students?: string[];
  [field: string]: unknown;
}

export interface AppRegistration {
  client_id: string;
  client_secret: string;
  name: string;
  /** The first one is the primary redirect URI (Clever-initiated logins use it). */
  redirect_uris: string[];
  user_types: UserType[];
  /**
   * Whether the seeded sandbox district shares its data with this app (a
   * district-app token exists, district users may log in). Default true.
   */
  district_connected?: boolean;
  /**
   * OIDC enabled for this app (Clever does it per app, on request): the token
   * response of a district-shared login also carries an id_token. Default false.
   */
  oidc?: boolean;
}

export type SandboxMode = "test" | "demo" | "production";

/** How a user came to be shared with apps (what /v2.1/me calls authorized_by). */
export type Sharing = "district" | "teacher";

export interface UserRef {
  id: string;
  type: UserType;
  kind: Kind;
  object: CleverObject;
  sharing: Sharing;
  /** The v3 user ID (students: `id`; multi-role users: one for all their roles). */
  v3Id: string;
}

/** A reply built by a handler; the server writes it (faults may rewrite it). */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}
