// The address a request really came from, for per-network rate limits.
//
// - On Vercel the platform sets `x-real-ip` to the client's address itself,
//   overwriting whatever the client sent.
// - Behind proxies of our own (TRUSTED_PROXIES), X-Forwarded-For is read from
//   the right: each trusted proxy appended the address it saw, so the first
//   entry that is not a trusted proxy is the client. Entries left of it are
//   whatever the client claimed.
// - Otherwise (`next start` on its own) Next.js fills X-Forwarded-For from the
//   socket only when the request has none, so a client can put anything
//   there: it is not believed, and every such caller shares one bucket.
//
// requestNetwork is that address as the rate limits count it, with this
// deployment's settings (VERCEL, TRUSTED_PROXIES).
import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "./env";

/** The bucket for callers whose address cannot be known (see above). */
export const UNIDENTIFIED = "unidentified";

export interface AddressSources {
  /** Running on Vercel (process.env.VERCEL === "1"). */
  vercel: boolean;
  /** IPs and CIDR ranges of proxies that append to X-Forwarded-For. */
  trustedProxies: readonly string[];
}

function blockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client. */
function plain(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

function contains(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

export function clientAddress(headers: Headers, sources: AddressSources): string {
  if (sources.vercel) {
    const real = plain(headers.get("x-real-ip") ?? "");
    return isIP(real) ? real : UNIDENTIFIED;
  }
  if (sources.trustedProxies.length === 0) return UNIDENTIFIED;
  const trusted = blockList(sources.trustedProxies);
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(plain).filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index] ?? "";
    if (!isIP(hop)) return UNIDENTIFIED;
    if (!contains(trusted, hop)) return hop;
  }
  // Only proxies in the chain: the request started at one of them.
  return hops[0] ?? UNIDENTIFIED;
}

/** The eight 16-bit groups of an IPv6 address ("::" expanded, an embedded
 * IPv4 tail read as two groups); null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail, ...more] = text.split("::");
  if (more.length > 0) return null;
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? null : tail ? tail.split(":") : [];
  const groups = right === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => parseInt(group, 16));
}

/** The rate limits' unit: an IPv4 address, or an IPv6 address's network of
 * `prefixBits` (a /64 is one subscriber's: rotating addresses inside it is
 * free, so limiting one address would limit nothing). Anything else as it is. */
/** An IPv6 client is counted by its /64: one subscriber's network, inside
 * which rotating addresses is free. */
const IPV6_NETWORK_BITS = 64;

export function networkOf(address: string, prefixBits = IPV6_NETWORK_BITS): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const kept = Math.ceil(prefixBits / 16);
  const network = groups.slice(0, kept).map((group, index) => {
    const bits = Math.min(16, prefixBits - index * 16);
    return (group & (0xffff << (16 - bits)) & 0xffff).toString(16);
  });
  return `${network.join(":")}${kept < 8 ? "::" : ""}/${prefixBits}`;
}

/** The client network of a request, the unit of the per-network rate limits. */
export function requestNetwork(headers: Headers): string {
  const { VERCEL, TRUSTED_PROXIES } = env();
  return networkOf(clientAddress(headers, { vercel: VERCEL === "1", trustedProxies: TRUSTED_PROXIES }));
}
