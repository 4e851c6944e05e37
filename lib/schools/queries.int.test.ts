// The school picker's scope against a real PostgreSQL: the public directory
// and the searcher's own district, never another customer's schools or an
// archived one (found or picked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { isPickableSchool, schoolValue, searchSchools } from "./queries";

afterAll(() => db.$disconnect());

const tag = `scope${process.pid}`;
const ours = `${tag}-district-ours`;
const theirs = `${tag}-district-theirs`;

beforeAll(async () => {
  await db.district.createMany({ data: [{ id: ours, name: "Ours" }, { id: theirs, name: "Theirs" }] });
  await db.school.createMany({
    data: [
      { id: `${tag}-ours`, districtId: ours, name: `Escuela ${tag} Núñez`, city: "Springfield" },
      { id: `${tag}-archived`, districtId: ours, name: `Old ${tag} Academy`, city: "Springfield", archivedAt: new Date() },
      { id: `${tag}-theirs`, districtId: theirs, name: `Other ${tag} School`, city: "Springfield" },
    ],
  });
  await db.directorySchool.create({ data: { id: `${tag}-public`, name: `Public ${tag} Elementary`, city: "Springfield", state: "IL" } });
});

describe("school search scope", () => {
  it("[security] a user finds the public directory and their own district's current schools, never another district's or an archived one", async () => {
    const found = (await searchSchools(tag, { districtId: ours })).map((option) => option.value).sort();
    expect(found).toEqual([schoolValue("school", `${tag}-ours`), schoolValue("directory", `${tag}-public`)].sort());
    // No district (a password account): the directory alone.
    expect((await searchSchools(tag, { districtId: null })).map((option) => option.value)).toEqual([schoolValue("directory", `${tag}-public`)]);
  });

  it("[security] only a school the search could show can be picked", async () => {
    expect(await isPickableSchool(ours, `${tag}-ours`)).toBe(true);
    expect(await isPickableSchool(ours, `${tag}-theirs`)).toBe(false);
    expect(await isPickableSchool(ours, `${tag}-archived`)).toBe(false);
    expect(await isPickableSchool(null, `${tag}-ours`)).toBe(false);
  });
});
