// The order a district's roster is read and written in, by the full sync and
// by a page of events alike.
import type { RosterKind } from "@/lib/clever/client";

/** A section's teachers, students, school and term exist before it. */
export const FULL_SYNC_STEPS: readonly RosterKind[] = ["schools", "terms", "teachers", "students", "school_admins", "district_admins", "sections"];
