import "server-only";
import { db } from "@/lib/platform/db";

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/** A `SELECT 1` bounded by a timeout, so a hung database answers 503 quickly. */
export async function checkDatabase(timeoutMs = 3000): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: "database did not answer in time" }), timeoutMs);
  });
  const probe = db.$queryRaw`SELECT 1`.then(
    (): DatabaseHealth => ({ ok: true }),
    (): DatabaseHealth => ({ ok: false, reason: "database unreachable" }),
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
