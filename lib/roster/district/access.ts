// The district-app token for a district's roster jobs: the stored one while
// valid, else asked of Clever (and stored), and a client that spends it with
// a deadline of the job's slice.
import { CleverApiError, type CleverClient, createCleverClient, type SyncDeps } from "@/lib/clever";
import { districtToken } from "@/lib/people";

export async function districtClient(deps: SyncDeps, districtId: string, deadline: number): Promise<CleverClient> {
  const { token, saving } = await districtToken(deps, districtId);
  await saving;
  if (token === null) throw new CleverApiError("unauthorized", "the district does not share its data with the app (no district-app token)", { endpoint: "/oauth/tokens" });
  // A page of 10,000 records may take a while to arrive: a generous per-call timeout.
  return createCleverClient({ token, tokenKind: "district", baseUrl: deps.apiUrl, apiVersion: deps.apiVersion, retry: { ...deps.retry, deadline: Math.max(deadline, Date.now() + 60_000) }, timeoutMs: 60_000, pageLimit: deps.districtPageLimit });
}
