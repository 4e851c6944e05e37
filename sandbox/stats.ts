// Request counts per endpoint (benchmarks count the app's Clever calls).
import { dataApiEndpoint } from "./data-api";

export class Stats {
  private counts = new Map<string, number>();
  private total = 0;

  count(method: string, pathname: string): void {
    const key = endpointKey(method, pathname);
    this.total += 1;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
  }

  snapshot(): { total: number; endpoints: Record<string, number> } {
    const endpoints: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) endpoints[key] = this.counts.get(key) ?? 0;
    return { total: this.total, endpoints };
  }
}

/** "GET /v2.0/sections/{id}/students", "POST /oauth/tokens", ... */
export function endpointKey(method: string, pathname: string): string {
  const segments = pathname.split("/").filter((s) => s.length > 0);
  const [first, ...rest] = segments;
  if (first === "v2.0" || first === "v2.1" || first === "v3.0" || first === "v3.1") return dataApiEndpoint(method, first, rest);
  return `${method} ${pathname}`;
}
