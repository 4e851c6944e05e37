// Sharing: a user shared both ways (routed to the district), POST
// /sandbox/sharing turning a Library teacher into a district teacher and back
// with the same Clever ID, district-app tokens narrowed with &district=, and
// Clever's real Instant Login path.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { instantLoginUrl, type ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import {
  api,
  Browser,
  DEMO_APP,
  DEMO_BASIC,
  districtToken,
  expectJson404,
  listIds,
  loginButton,
  parseLinks,
  PRIMARY,
  redirectParams,
  type TestSandbox,
  userToken,
  withSandbox,
} from "./helpers";

let sb: TestSandbox;
let clever: ControlClient;
withSandbox({ beforeAll, afterAll }, (started, control) => {
  sb = started;
  clever = control;
});
beforeEach(async () => {
  await clever.reset();
});

const f = fixtures;

describe("a user shared both ways", () => {
  test("teacherSharedBothWays is routed to the district: authorized_by district, no consent screen", async () => {
    const page = await new Browser(sb.url).get(`/oauth/instant-login?client_id=${DEMO_APP.client_id}&user_id=${f.teacherSharedBothWays.id}`);
    expect(redirectParams(page).get("scope")).toBe("read:user_id read:sis");
    const token = await userToken(sb, f.teacherSharedBothWays.id);
    const me = (await api(sb, token, "/v2.1/me")).body as { data: Record<string, string> };
    expect(me.data).toMatchObject({ district: f.district.id, authorized_by: "district" });
    expect(((await api(sb, token, "/userinfo")).body as Record<string, string>).authorized_by).toBe("district");
    // Their Library section is not the district's.
    const district = await districtToken(sb);
    expect(listIds((await api(sb, district, `/v2.0/teachers/${f.teacherSharedBothWays.id}/sections`)).body)).toEqual([]);
  });

  test("once their district unshares them they are a Library user who already authorized the app", async () => {
    await clever.setSharing({ user: f.teacherSharedBothWays.id, shared_by: "teacher" });
    const page = await new Browser(sb.url).get(`/oauth/instant-login?client_id=${DEMO_APP.client_id}&user_id=${f.teacherSharedBothWays.id}`);
    expect(redirectParams(page).get("code")).toBeTruthy();
    const token = await userToken(sb, f.teacherSharedBothWays.id);
    expect(((await api(sb, token, "/v2.1/me")).body as { data: Record<string, string> }).data.authorized_by).toBe("teacher");
    expect(listIds((await api(sb, token, `/v2.0/teachers/${f.teacherSharedBothWays.id}/sections`)).body)).toEqual([f.librarySectionBothWays.id]);
  });
});

describe("POST /sandbox/sharing", () => {
  test("a Library teacher becomes district-shared (same ID, sandbox district and elementary school) and back", async () => {
    const id = f.libraryTeacher.id;
    const sectionsBefore = await clever.getData("sections", f.librarySection1.id);
    const token = await userToken(sb, id);
    await clever.setSharing({ user: id, shared_by: "district" });

    const me = (await api(sb, token, "/v2.1/me")).body as { data: Record<string, string> };
    expect(me.data).toEqual({ id, type: "teacher", district: f.district.id, authorized_by: "district" });
    const info = (await api(sb, token, "/userinfo")).body as Record<string, unknown>;
    expect(info).toMatchObject({ user_id: id, district_id: f.district.id, authorized_by: "district", schools: [f.schoolElementary.id] });
    const district = await districtToken(sb);
    const record = (await api(sb, district, `/v2.0/teachers/${id}`)).body as { data: Record<string, unknown> };
    expect(record.data).toMatchObject({ district: f.district.id, school: f.schoolElementary.id });
    // Their Library sections stay as they were.
    expect(await clever.getData("sections", f.librarySection1.id)).toEqual(sectionsBefore);
    expect((await clever.users()).find((u) => u.id === id)).toMatchObject({ district: f.district.id, authorized_by: "district" });

    await clever.setSharing({ user: id, shared_by: "teacher" });
    const back = (await api(sb, token, "/v2.1/me")).body as { data: Record<string, string> };
    expect(back.data).toEqual({ id, type: "teacher", authorized_by: "teacher" });
    expect((await api(sb, token, "/userinfo")).body).not.toHaveProperty("district_id");
    expectJson404(await api(sb, district, `/v2.0/teachers/${id}`), "unshared record");
    const data = (await clever.getData("teachers", id)).data;
    expect(data).not.toHaveProperty("district");
    expect(data).not.toHaveProperty("school");
  });

  test("district_id and school_id choose where; unknown users, districts or schools are refused", async () => {
    await clever.setSharing({ user: f.libraryTeacher2.id, shared_by: "district", school_id: f.schoolHigh.id });
    expect((await clever.getData("teachers", f.libraryTeacher2.id)).data).toMatchObject({ school: f.schoolHigh.id, schools: [f.schoolHigh.id] });
    await expect(clever.setSharing({ user: "ffffffffffffffffffffffff", shared_by: "district" })).rejects.toThrow(/400/);
    await expect(clever.setSharing({ user: f.libraryTeacher.id, shared_by: "district", district_id: "ffffffffffffffffffffffff" })).rejects.toThrow(/400/);
    await expect(clever.setSharing({ user: f.libraryTeacher.id, shared_by: "district", school_id: "ffffffffffffffffffffffff" })).rejects.toThrow(/400/);
  });

  test("reset restores the seed's sharing", async () => {
    await clever.setSharing({ user: f.libraryTeacher.id, shared_by: "district" });
    await clever.reset();
    expect((await clever.getData("teachers", f.libraryTeacher.id)).data).not.toHaveProperty("district");
  });
});

describe("district-app tokens and Instant Login", () => {
  test("GET /oauth/tokens?owner_type=district&district=ID narrows to that district", async () => {
    const list = async (q: string) => {
      const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district${q}`, { headers: { authorization: DEMO_BASIC } });
      return ((await res.json()) as { data: { owner: { id: string } }[] }).data;
    };
    expect((await list("")).map((t) => t.owner.id)).toEqual([f.district.id]);
    expect((await list(`&district=${f.district.id}`)).map((t) => t.owner.id)).toEqual([f.district.id]);
    expect(await list("&district=ffffffffffffffffffffffff")).toEqual([]);
  });

  test("/oauth/instant-login is the real path: Portal icons and instantLoginUrl use it; /instant-login stays an alias", async () => {
    expect(instantLoginUrl(sb.url, { clientId: DEMO_APP.client_id, user: f.teacher })).toContain("/oauth/instant-login?");
    const browser = new Browser(sb.url);
    const login = await browser.get(`/portal?district_id=${f.district.id}`);
    const portal = await browser.follow(await browser.press(login, loginButton(f.teacher.name, "teacher")));
    const icon = parseLinks(portal.html).find((l) => l.text.includes(DEMO_APP.name));
    expect(icon?.href.startsWith("/oauth/instant-login?")).toBe(true);
    // Without a session the real path goes through the district login page and back to it.
    const fresh = new Browser(sb.url);
    const page = await fresh.get(`/oauth/instant-login?client_id=${DEMO_APP.client_id}&district_id=${f.district.id}`);
    const done = await fresh.follow(await fresh.press(page, loginButton(f.student.name, "student")));
    expect(done.location?.startsWith(`${PRIMARY}?code=`)).toBe(true);
    const alias = await new Browser(sb.url).get(`/instant-login?client_id=${DEMO_APP.client_id}&user_id=${f.teacher.id}`);
    expect(redirectParams(alias).get("code")).toBeTruthy();
  });
});
