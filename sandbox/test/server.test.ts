// Startup time, concurrency, the CLI entry, and app registration config.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { demoApp, loadApps, loadStrict } from "../config";
import { fixtures } from "../fixtures";
import { createSandbox } from "../server";
import { api, districtToken, startSandbox, userToken } from "./helpers";

test("starts in well under a second and closes cleanly", async () => {
  const t0 = performance.now();
  const sb = await createSandbox({ port: 0 });
  const startup = performance.now() - t0;
  console.log(`sandbox startup: ${startup.toFixed(1)} ms`);
  expect(startup).toBeLessThan(1000);
  const res = await fetch(`${sb.url}/portal`);
  expect(res.status).toBe(200);
  await sb.close();
});

test("several sandboxes run side by side on random ports, isolated", async () => {
  const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  try {
    expect(a.url).not.toBe(b.url);
    await fetch(`${a.url}/sandbox/data/students/${fixtures.student.id}`, { method: "DELETE" });
    const ta = await districtToken(a);
    const tb = await districtToken(b);
    expect((await api(a, ta, `/v2.0/students/${fixtures.student.id}`)).status).toBe(404);
    expect((await api(b, tb, `/v2.0/students/${fixtures.student.id}`)).status).toBe(200);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("200 concurrent requests without error", async () => {
  const sb = await startSandbox();
  try {
    const district = await districtToken(sb);
    const user = await userToken(sb, fixtures.libraryTeacher.id);
    const paths = [
      `/v2.0/sections/${fixtures.sectionBig.id}/students`,
      `/v2.1/teachers/${fixtures.teacherTwelveSections.id}/sections`,
      "/v2.0/me",
      "/v2.1/students?limit=50",
    ];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 5 === 4
          ? api(sb, user, `/v2.0/teachers/${fixtures.libraryTeacher.id}/sections`)
          : api(sb, district, paths[i % paths.length] ?? "/v2.0/me"),
      ),
    );
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const stats = (await (await fetch(`${sb.url}/sandbox/stats`)).json()) as { total: number };
    expect(stats.total).toBeGreaterThanOrEqual(200);
  } finally {
    await sb.close();
  }
});

test("CLI: tsx sandbox/main.ts prints its URL, serves, and exits 0 on SIGTERM", async () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    cwd: root,
    env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_MODE: "demo" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 15_000);
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /ready at (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/sandbox/users`)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 30_000);

test("app registration from env and from SANDBOX_APPS_FILE", () => {
  expect(demoApp({})).toMatchObject({
    client_id: "demo-client-id",
    client_secret: "demo-client-secret",
    name: "Clever Classroom",
    redirect_uris: ["http://localhost:3000/api/auth/callback/clever"],
    user_types: ["teacher", "student", "school_admin", "district_admin"],
  });
  expect(
    demoApp({ CLEVER_CLIENT_ID: "x", CLEVER_REDIRECT_URIS: "https://a.example/cb, https://b.example/cb" }).redirect_uris,
  ).toEqual(["https://a.example/cb", "https://b.example/cb"]);
  const dir = mkdtempSync(join(tmpdir(), "sandbox-apps-"));
  const file = join(dir, "apps.json");
  writeFileSync(
    file,
    JSON.stringify({
      apps: [{ client_id: "a", client_secret: "b", name: "A", redirect_uris: ["https://a.example/cb"], user_types: ["student"] }],
    }),
  );
  expect(loadApps({ SANDBOX_APPS_FILE: file })).toHaveLength(1);
  writeFileSync(file, JSON.stringify([{ client_id: "a", name: "A" }]));
  expect(() => loadApps({ SANDBOX_APPS_FILE: file })).toThrow();
});

test("SANDBOX_STRICT: strict unless false; anything else is refused", () => {
  expect(loadStrict({})).toBe(true);
  expect(loadStrict({ SANDBOX_STRICT: "true" })).toBe(true);
  expect(loadStrict({ SANDBOX_STRICT: "false" })).toBe(false);
  expect(() => loadStrict({ SANDBOX_STRICT: "maybe" })).toThrow();
});

test("an apps file may enable OIDC per app", () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-apps-"));
  const file = join(dir, "apps.json");
  writeFileSync(
    file,
    JSON.stringify([{ client_id: "a", client_secret: "b", name: "A", redirect_uris: ["https://a.example/cb"], user_types: ["teacher"], oidc: true }]),
  );
  expect(loadApps({ SANDBOX_APPS_FILE: file })[0]?.oidc).toBe(true);
});
