// The Data API paths the app calls, in the version the test stack runs
// (CLEVER_API_VERSION: npm test runs the suite on v2.1, then again in Desktop
// Chrome on v3.1), for faults aimed at one call and for reading the local
// Clever's request log. Users are given by their v2 ID (the local Clever's
// control API and the fixtures use v2 IDs); on v3.1 a teacher's path carries
// the v3 ID.
import { v3UserId } from "../../sandbox/ids";

const apiVersion = process.env.CLEVER_API_VERSION === "v3.1" ? "v3.1" : "v2.1";
const onV3 = apiVersion === "v3.1";
const teacherV3 = (id: string) => v3UserId(id, "teacher");

/** Paths to aim a fault at. */
export const apiPath = {
  teacherSections: (teacherId: string) => (onV3 ? `/v3.1/users/${teacherV3(teacherId)}/sections` : `/v2.0/teachers/${teacherId}/sections`),
  studentSections: (studentId: string) => (onV3 ? `/v3.1/users/${studentId}/sections` : `/v2.0/students/${studentId}/sections`),
};

/** Endpoints as the request log names them. */
export const apiEndpoint = {
  userinfo: "GET /userinfo",
  me: onV3 ? "GET /v3.1/me" : "GET /v2.1/me",
  user: onV3 ? "GET /v3.1/users/{id}" : "GET /v2.0/teachers/{id}",
  teacherSections: onV3 ? "GET /v3.1/users/{id}/sections" : "GET /v2.0/teachers/{id}/sections",
  sectionStudents: onV3 ? "GET /v3.1/sections/{id}/users" : "GET /v2.0/sections/{id}/students",
  district: onV3 ? "GET /v3.1/districts/{id}" : "GET /v2.0/districts/{id}",
};

/** Every Data API call a Library teacher's login and sync may make: who
 * signed in, their record, their sections and each section's students. */
export const libraryTeacherEndpoints: ReadonlySet<string> = new Set([apiEndpoint.userinfo, apiEndpoint.user, apiEndpoint.teacherSections, apiEndpoint.sectionStudents]);
