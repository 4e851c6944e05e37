// When a full sync's archives are held (./hold.ts): an unusual share of a
// deciding kind, and never fewer rows than the minimum.
import { describe, expect, test } from "vitest";
import { HOLD_MIN_ROWS, type HoldCounts, overThreshold } from "./hold";

const counts = (kinds: HoldCounts["kinds"], percent = 20): HoldCounts => ({ kinds, percent, total: Object.values(kinds).reduce((n, c) => n + c.archive, 0) });

describe("overThreshold", () => {
  test("[SS-R6] more than the share of students, teachers or classes holds; the share itself does not", () => {
    expect(overThreshold(counts({ students: { archive: 180, active: 400 } }))).toBe(true);
    expect(overThreshold(counts({ teachers: { archive: 21, active: 100 } }))).toBe(true);
    expect(overThreshold(counts({ sections: { archive: 30, active: 120 } }))).toBe(true);
    expect(overThreshold(counts({ students: { archive: 80, active: 400 } }))).toBe(false);
    expect(overThreshold(counts({ students: { archive: 80, active: 400 } }, 19))).toBe(true);
    expect(overThreshold(counts({ students: { archive: 400, active: 400 } }, 100))).toBe(false);
  });

  test("[SS-R6] a tiny district is not held for a family moving: fewer than the minimum rows never hold, whatever their share", () => {
    expect(HOLD_MIN_ROWS).toBe(10);
    expect(overThreshold(counts({ students: { archive: 1, active: 3 } }))).toBe(false);
    expect(overThreshold(counts({ students: { archive: 9, active: 9 } }))).toBe(false);
    expect(overThreshold(counts({ students: { archive: 10, active: 12 } }))).toBe(true);
  });

  test("[SS-R6] schools, terms and staff are held along with the deciding kinds, never on their own", () => {
    expect(overThreshold(counts({ schools: { archive: 30, active: 30 }, terms: { archive: 40, active: 40 }, school_admins: { archive: 50, active: 50 } }))).toBe(false);
    expect(overThreshold(counts({ terms: { archive: 40, active: 40 }, sections: { archive: 50, active: 60 } }))).toBe(true);
  });
});
