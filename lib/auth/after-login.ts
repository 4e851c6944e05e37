// What runs once a Clever login has started its session: the roster sync,
// scheduled after the response so login stays instant (IL-08).
import "server-only";
import { log } from "@/lib/log";

export function afterCleverLogin(userId: string): void {
  // Wired to scheduleLoginSync (lib/sync/login-sync.ts) once it lands.
  log.info({ userId }, "Clever login complete");
}
