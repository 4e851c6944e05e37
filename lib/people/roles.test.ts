import { describe, expect, test } from "vitest";
import { adminRoleOf, holdsRole, viewHref, viewOf, viewsOf } from "./roles";

const grace = { role: "school_admin", roles: ["teacher", "school_admin"] } as const;
const omar = { role: "teacher", roles: ["district_admin", "teacher", "school_admin"] } as const;
const ana = { role: "teacher", roles: ["teacher"] } as const;

describe("roles", () => {
  test("[clever-today] a multi-role user holds each role; the signed-in role's view comes first", () => {
    expect(holdsRole({ ...grace, roles: [...grace.roles] }, "teacher")).toBe(true);
    expect(holdsRole({ ...ana, roles: [...ana.roles] }, "school_admin")).toBe(false);
    // The role signed in as counts even before a sync has listed it.
    expect(holdsRole({ role: "student", roles: [] }, "student")).toBe(true);
    expect(viewsOf({ ...grace, roles: [...grace.roles] })).toEqual(["admin", "teacher"]);
    expect(viewsOf({ ...omar, roles: [...omar.roles] })).toEqual(["teacher", "admin"]);
    expect(viewsOf({ role: null, roles: [] })).toEqual([]);
  });

  test("[clever-today] a view is given only when it is the person's; links name it unless it is their home", () => {
    const g = { ...grace, roles: [...grace.roles] };
    expect(viewOf(g, "teacher")).toBe("teacher");
    expect(viewOf(g, undefined)).toBe("admin");
    expect(viewOf({ ...ana, roles: [...ana.roles] }, "admin")).toBe("teacher");
    expect(viewOf({ role: null, roles: [] }, "teacher")).toBeNull();
    expect(viewHref(g, "admin")).toBe("/dashboard");
    expect(viewHref(g, "teacher")).toBe("/dashboard?as=teacher");
  });

  test("[clever-today] a district admin who is also a school's staff sees the district", () => {
    expect(adminRoleOf({ ...omar, roles: [...omar.roles] })).toBe("district_admin");
    expect(adminRoleOf({ ...grace, roles: [...grace.roles] })).toBe("school_admin");
    expect(adminRoleOf({ ...ana, roles: [...ana.roles] })).toBeNull();
  });
});
