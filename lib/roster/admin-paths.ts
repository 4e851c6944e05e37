// Where the administrators' school and class pages live (app/(app)/dashboard/schools/).
export function schoolPath(schoolId: string): string {
  return `/dashboard/schools/${encodeURIComponent(schoolId)}`;
}

export function classPath(schoolId: string, sectionId: string): string {
  return `${schoolPath(schoolId)}/classes/${encodeURIComponent(sectionId)}`;
}
