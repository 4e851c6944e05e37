// /api/health answers 200 with the database up and 503 with it stopped, using
// a PostgreSQL of its own so stopping it disturbs no other test.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type RunningDatabase } from "../scripts/lib/postgres";

describe("GET /api/health", () => {
  let server: RunningDatabase;
  let GET: () => Promise<Response>;

  beforeAll(async () => {
    server = await startEmbeddedPostgres("postgres-health-test");
    vi.resetModules();
    process.env.DATABASE_URL = server.url;
    ({ GET } = await import("@/app/api/health/route"));
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers 200 when the database is reachable", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 with a JSON reason when the database is stopped", async () => {
    await server.stop();
    const response = await GET();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; reason: string };
    expect(body.status).toBe("unavailable");
    expect(body.reason).toMatch(/database/);
  });
});
