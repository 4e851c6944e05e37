// Rosters: the user's sync, the district sync and its jobs, and the page
// queries over sections, students and syncs. Imports clever, people and
// platform.
export { classPath, schoolPath } from "./admin-paths";
export { adminOverview, adminRoster, adminSchool, adminSection, schoolClasses } from "./admin-queries";
export type { AdminClassPage, AdminOverview } from "./admin-queries";
export { markSectionsSeen, setSectionShown, teaches } from "./choices";
export { formerStudents, lastSyncChanges } from "./class-history";
export type { ClassChanges, FormerStudent } from "./class-history";
export { applyHeldSync, districtSyncStatus } from "./district-sync-status";
export type { DistrictSyncStatus, HeldSync } from "./district-sync-status";
export { purgeDisconnectedDistricts } from "./district/connections";
export { districtRosterJobs, scheduleRosterJob } from "./district/jobs";
export { ALL, filterClasses } from "./filters";
export { importInProgress } from "./importing";
export { missingClassReasons } from "./missing-classes";
export type { MissingClassReasons } from "./missing-classes";
export { pastClassRoster, sectionRoster, sectionRosterPreviews, studentDashboard, teacherSection, teacherSections, teachersOf } from "./queries";
export type { Person, RosterPage, RosterSort, StudentClass, StudentTeacher, TeacherSection } from "./queries";
export { pageNumber, rosterOptions } from "./roster-options";
export type { RosterOptions } from "./roster-options";
export { endAbandonedRuns } from "./sync/lease";
export { startLoginSync } from "./sync/login-sync";
export { NO_TOKEN } from "./sync/messages";
export { lastSyncRun } from "./sync/queries";
export type { LastSyncRun } from "./sync/queries";
export { syncOnDemand } from "./sync/sync";
export { markPastSeen, pastClass, pastClasses, rolloverSummary } from "./school-years";
export type { PastClass, RolloverSummary, TermFacts } from "./school-years";
