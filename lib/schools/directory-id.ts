// Stable IDs for bundled directory schools, so re-seeding updates in place and
// a teacher's pick survives a directory refresh.
import { createHash } from "node:crypto";

export function directorySchoolId(name: string, city: string, state: string): string {
  const key = `${name.trim().toLowerCase()}|${city.trim().toLowerCase()}|${state.trim().toUpperCase()}`;
  return `dir_${createHash("sha1").update(key).digest("hex").slice(0, 20)}`;
}
