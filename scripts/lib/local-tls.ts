// The test stack's https, as production's: a certificate authority made on
// this machine (nothing downloaded, nothing installed system-wide) and a
// server certificate it signs for the stack's host names. Kept in
// .data/tls/ and made again when missing, expiring, or not covering a host.
// Who trusts it, and how:
// - Node.js processes the stack starts (the app, the worker, the local Clever,
//   Playwright's workers): NODE_EXTRA_CA_CERTS=ca.pem (localTlsEnv);
// - a process that is already running (npm test's own checks): trustInProcess;
// - Chromium: the server key's SPKI hash (--ignore-certificate-errors-spki-list);
// - Firefox and WebKitGTK, which take no such list on the command line: their
//   WebDriver's acceptInsecureCerts, for the stack's origins only.
import { createHash, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { generate } from "selfsigned";
import { projectRoot } from "./postgres";

export interface LocalTls {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the server key's SubjectPublicKeyInfo (Chromium's pin). */
  spki: string;
}

/** The host names the stack answers on: the primary origin and a second one
 * (a second registered redirect URI on another origin). */
const STACK_HOSTS = ["localhost", "127.0.0.1"];

const defaultDir = path.join(projectRoot, ".data", "tls");
const DAY_MS = 86_400_000;

function filesIn(dir: string): Omit<LocalTls, "spki"> {
  return { dir, caFile: path.join(dir, "ca.pem"), certFile: path.join(dir, "cert.pem"), keyFile: path.join(dir, "key.pem") };
}

function spkiOf(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

/** The existing files, when they cover `hosts` for at least another day. */
function readLocalTls(dir = defaultDir, hosts = STACK_HOSTS, now = Date.now()): LocalTls | undefined {
  const files = filesIn(dir);
  if (![files.caFile, files.certFile, files.keyFile].every((file) => existsSync(file))) return undefined;
  const certPem = readFileSync(files.certFile, "utf8");
  const cert = new X509Certificate(certPem);
  if (Date.parse(cert.validTo) - now < DAY_MS) return undefined;
  if (!hosts.every((host) => (isIP(host) ? cert.checkIP(host) : cert.checkHost(host)))) return undefined;
  return { ...files, spki: spkiOf(certPem) };
}

async function makeLocalTls(dir: string, hosts: string[]): Promise<LocalTls> {
  const now = new Date();
  const notAfterDate = new Date(now.getTime() + 30 * DAY_MS);
  const ca = await generate([{ name: "commonName", value: "clever-classroom test CA (this machine only)" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: hosts[0] ?? "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: hosts.map((host) => (isIP(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host })) },
    ],
  });
  // Written beside, then moved in one step: parallel starts never read half a set.
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  const files = filesIn(staging);
  writeFileSync(files.caFile, ca.cert);
  writeFileSync(files.certFile, server.cert);
  writeFileSync(files.keyFile, server.private, { mode: 0o600 });
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch {
    // Another process moved its own set in first: use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  const made = readLocalTls(dir, hosts);
  if (!made) throw new Error(`could not make the local certificate in ${dir}`);
  return made;
}

/** The stack's certificate, made when missing or about to expire. */
export async function ensureLocalTls(dir = defaultDir, hosts = STACK_HOSTS): Promise<LocalTls> {
  return readLocalTls(dir, hosts) ?? (await makeLocalTls(dir, hosts));
}

/** Where the files are (they may not exist yet: ensureLocalTls makes them). */
function localTlsFiles(dir = defaultDir): Omit<LocalTls, "spki"> {
  return filesIn(dir);
}

/** What a Node.js process needs to trust the stack: set before it starts. */
export function localTlsEnv(tls: Pick<LocalTls, "caFile"> = localTlsFiles()): Record<string, string> {
  return { NODE_EXTRA_CA_CERTS: tls.caFile };
}

/** Trusts the local CA in this process's TLS clients (fetch included), beside the usual roots. */
export function trustInProcess(tls: LocalTls): void {
  const ca = readFileSync(tls.caFile, "utf8");
  const current = getCACertificates("default");
  if (!current.includes(ca)) setDefaultCACertificates([...current, ca]);
}
