// The control API client (control-client.ts) against an in-process sandbox:
// each call reaches its endpoint, a refused call throws with the sandbox's
// reason, and the shortcut URLs log the right user in.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { instantLoginUrl, portalUrl, type ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import { api, Browser, DEMO_APP, districtToken, redirectParams, type TestSandbox, withSandbox } from "./helpers";

let sb: TestSandbox;
let clever: ControlClient;
withSandbox({ beforeAll, afterAll }, (started, control) => {
  sb = started;
  clever = control;
});
beforeEach(async () => {
  await clever.reset();
  await clever.resetStats();
});

const NEW_STUDENT = "0123456789abcdef01234567";

describe("the control client", () => {
  test("reads, writes and deletes records", async () => {
    const section = await clever.getData("sections", fixtures.sectionHomeroom.id);
    expect(section.data.id).toBe(fixtures.sectionHomeroom.id);
    await clever.putData("sections", fixtures.sectionHomeroom.id, { ...section.data, name: "Renamed" });
    expect((await clever.getData("sections", fixtures.sectionHomeroom.id)).data.name).toBe("Renamed");
    await clever.putData("students", NEW_STUDENT, { district: fixtures.district.id, name: { first: "Zara", last: "New" }, grade: "3" });
    await clever.deleteData("students", NEW_STUDENT);
    await expect(clever.getData("students", NEW_STUDENT)).rejects.toThrow(/GET \/sandbox\/data\/students\/0123456789abcdef01234567 answered 404/);
    expect((await clever.users()).find((u) => u.id === fixtures.teacher.id)).toMatchObject({ name: fixtures.teacher.name, authorized_by: "district" });
  });

  test("a refused call throws with the sandbox's reason", async () => {
    await expect(clever.putData("students", NEW_STUDENT, { name: { first: "A" }, grade: "13" })).rejects.toThrow(/answered 400: .*grade/);
  });

  test("faults, latency, stats and the clock", async () => {
    const token = await districtToken(sb);
    await clever.resetStats();
    const { id } = await clever.addFault({ path: "/v2.0/sections", status: 503, times: 1 });
    expect(id).toEqual(expect.any(String));
    expect(await clever.faults()).toHaveLength(1);
    expect((await api(sb, token, "/v2.0/sections")).status).toBe(503);
    expect((await api(sb, token, "/v2.0/sections")).status).toBe(200);
    await clever.addFault({ path: "/v2.0/sections", status: 500 });
    await clever.clearFaults();
    expect(await clever.faults()).toEqual([]);
    const stats = await clever.stats();
    expect(stats.total).toBe(2);
    expect(stats.endpoints["GET /v2.0/sections"]).toBe(2);
    await clever.setLatency(0);
    const before = sb.clock.now;
    expect((await clever.advanceClock(60_000)).now).toBe(before + 60_000);
  });

  test("connections are this client's app's", async () => {
    await clever.connect(fixtures.district.id, false);
    const page = await new Browser(sb.url).get(instantLoginUrl(sb.url, { clientId: DEMO_APP.client_id, user: fixtures.teacher }));
    expect(page.location ?? "").not.toContain("code=");
    await clever.connect(fixtures.district.id, true);
    const again = await new Browser(sb.url).get(instantLoginUrl(sb.url, { clientId: DEMO_APP.client_id, user: fixtures.teacher }));
    expect(redirectParams(again).get("code")).toBeTruthy();
  });
});

describe("the shortcut URLs", () => {
  test("Instant Login names a district user's district, and carries a Library user's consent unless asked not to", () => {
    const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
    expect(params(instantLoginUrl(sb.url, { clientId: "app", user: fixtures.teacher }))).toEqual({ client_id: "app", user_id: fixtures.teacher.id, district_id: fixtures.district.id });
    expect(params(instantLoginUrl(sb.url, { clientId: "app", user: fixtures.libraryTeacher }))).toEqual({ client_id: "app", user_id: fixtures.libraryTeacher.id, consent: "allow" });
    expect(params(instantLoginUrl(sb.url, { clientId: "app", user: fixtures.libraryTeacher, grantConsent: false }))).toEqual({ client_id: "app", user_id: fixtures.libraryTeacher.id });
    expect(portalUrl(sb.url, fixtures.teacher)).toBe(`${sb.url}/portal?district_id=${fixtures.district.id}`);
    expect(portalUrl(sb.url, fixtures.libraryTeacher)).toBe(`${sb.url}/portal?district_id=${fixtures.library.id}`);
  });

  test("an Instant Login link logs the user straight in to the app", async () => {
    const page = await new Browser(sb.url).get(instantLoginUrl(sb.url, { clientId: DEMO_APP.client_id, user: fixtures.libraryTeacher }));
    expect(page.location?.startsWith(DEMO_APP.redirect_uris[0] ?? "")).toBe(true);
    expect(redirectParams(page).get("code")).toBeTruthy();
  });
});
