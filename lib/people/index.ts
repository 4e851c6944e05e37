// People: provisioning from Clever, the one writer of people's rows, merges, password
// accounts, roles, names, tokens at rest and deletion. Imports clever and
// platform.
export { DeletedPersonError } from "./deleted-ids";
export { cleanEmail, gradeOf, optionalText, personName } from "./fields";
export { isKnownDevice, rememberDevice } from "./known-device";
export { mergeAccounts } from "./merge";
export { compareNames, displayName, initialsOf, roleLabel } from "./names";
export { authenticate, createPasswordAccount } from "./password-accounts";
export { passwordAttemptAllowed, passwordSucceeded } from "./password-limits";
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./passwords";
export { provisionCleverUser } from "./provision";
export { adminRoleOf, holdsRole, viewHref, viewOf, viewsOf } from "./roles";
export { legacyRow, rowOfCleverId, stagePeople, writePeople, writePeopleIds } from "./write-people";
export type { PersonRecord, StagedPeople, WriteOptions } from "./write-people";
export { USER_TOKEN_TTL_MS, districtToken, fetchDistrictTokens, forgetDistrictToken, openUserToken, purgeExpiredTokens, saveDistrictToken } from "./tokens";
