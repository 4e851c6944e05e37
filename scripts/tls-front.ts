// The test stack's https front, as a deployment's edge is: it ends TLS with
// the local certificate (scripts/lib/local-tls.ts) and hands each request to
// `next start` on loopback, appending to X-Forwarded-For and saying
// X-Forwarded-Proto: https, as a trusted proxy (TRUSTED_PROXIES) does.
//   tsx scripts/tls-front.ts LISTEN_PORT TARGET_PORT
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { createServer } from "node:https";
import { createProxyServer } from "http-proxy-3";
import { ensureLocalTls } from "./lib/local-tls";

const [listenPort, targetPort] = process.argv.slice(2).map(Number);
if (!listenPort || !targetPort) throw new Error("usage: tls-front.ts LISTEN_PORT TARGET_PORT");
const tls = await ensureLocalTls();
// Kept-alive connections to the app, as an edge keeps them: a new connection
// per request would cost more than the request.
const proxy = createProxyServer({ target: `http://127.0.0.1:${targetPort}`, xfwd: true, agent: new Agent({ keepAlive: true, maxSockets: 64 }) });
proxy.on("error", (error, _request, response) => {
  console.error(`[tls-front] ${error.message}`);
  if (response && "writeHead" in response && !response.headersSent) response.writeHead(502, { "content-type": "text/plain" }).end("The app did not answer.");
});
const server = createServer({ key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) }, (request, response) => void proxy.web(request, response));
server.listen(listenPort);
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
