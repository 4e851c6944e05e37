// Everything that speaks Clever: the Data API client (v2.1/v3.1), its schemas,
// events, the login identity, the grade and subject vocabulary, and what a
// sync needs from the outside world (SyncDeps). Imports only platform.
export { CLEVER_LIMITS, CleverApiError, createCleverClient, readBody } from "./client";
export type { CleverClient, RosterKind, RosterRecords } from "./client";
export { appDeps } from "./deps";
export type { Db, SyncDeps } from "./deps";
export { eventMeaning, inEventOrder } from "./events";
export type { RosterChange } from "./events";
export { GRADES, SUBJECTS, gradeLabel, gradeRank, isKnownGrade, isKnownSubject, subjectLabel } from "./labels";
export { loginFromIdToken, loginFromUserinfo, readLoginThroughMe } from "./login-identity";
export type { CleverLogin, CleverLoginRole, UnreadLogin } from "./login-identity";
export { cleverDistrictTokensSchema, cleverIdTokenClaimsSchema, isCleverId } from "./schemas";
export type { CleverDistrict, CleverDistrictAdmin, CleverEvent, CleverIdTokenClaims, CleverSchool, CleverSchoolAdmin, CleverSection, CleverStudent, CleverTeacher, CleverTerm } from "./schemas";
export { heldRolesOfRecord, legacyIdsOf } from "./v3";
export type { HeldRole } from "./v3";
