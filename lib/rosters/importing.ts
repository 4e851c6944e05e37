// Whether the first roster import after a login is still under way: the
// latest sync is running, or a Clever user was just created and the sync
// (scheduled after the login response) has not recorded a run yet.

const GRACE_MS = 2 * 60_000;

export function importInProgress(
  user: { cleverId: string | null; createdAt: Date },
  run: { outcome: string } | null,
  now: number = Date.now(),
): boolean {
  if (run) return run.outcome === "running";
  return user.cleverId !== null && now - user.createdAt.getTime() < GRACE_MS;
}
