// Counting the SQL statements the app sends (tests and benchmarks; ESLint
// keeps it out of the app), two ways:
// - tapStatements: on a pg.Pool the caller builds itself (the tests' counting
//   client, the district benchmark), with a callback when each one finishes;
// - statementProxy: in front of PostgreSQL, for a client the caller does not
//   build: the app's own (a test points DATABASE_URL at it) or `next start`'s
//   under the load bench.
// Both see BEGIN and COMMIT and raw SQL, which Prisma's query events leave out.
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
import type pg from "pg";

/** Calls `onStatement` with the text of every statement sent on the pool's
 * connections, BEGIN and COMMIT included, before it is sent; what it returns
 * is called once the statement has finished. */
export function tapStatements(pool: pg.Pool, onStatement: (text: string) => (() => void) | void): void {
  pool.on("connect", (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      const text = typeof first === "string" ? first : typeof first === "object" && first !== null && "text" in first ? String(first.text) : "?";
      const finished = onStatement(text);
      const result = query(...args);
      if (finished && result instanceof Promise) result.then(finished, finished);
      return result;
    };
  });
}

export interface StatementProxy {
  /** DATABASE_URL for the clients to count: the database's, through the proxy. */
  url: string;
  /** The statements sent so far, whitespace collapsed, one an entry. */
  statements: () => string[];
  reset: () => void;
  close: () => Promise<void>;
}

/** The frontend's messages before the startup message have no type byte
 * (SSLRequest, GSSENCRequest, CancelRequest, then the startup message, whose
 * protocol's major version is 3); after it, each has one. */
const PROTOCOL_MAJOR_3 = 3;

/** Reads the frontend's side of a connection, calling `onStatement` with each
 * statement's text: a simple query ('Q': its text) or a Parse ('P': a
 * statement name, then its text). The app's pg driver sends an unnamed Parse
 * for every parameterized query, so each is seen. */
function frontendReader(onStatement: (text: string) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  const textAt = (message: Buffer, start: number) => message.toString("utf8", start, message.indexOf(0, start));
  return (chunk) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (pending.length < (started ? 5 : 8)) return;
      const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0);
      if (pending.length < length) return;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (!started) {
        started = message.readInt32BE(4) >> 16 === PROTOCOL_MAJOR_3;
        continue;
      }
      const type = String.fromCharCode(message[0] ?? 0);
      if (type === "Q") onStatement(textAt(message, 5));
      else if (type === "P") onStatement(textAt(message, message.indexOf(0, 5) + 1));
    }
  };
}

/** A TCP proxy in front of the database at `databaseUrl` that records every
 * statement its clients send. Plain connections only (the embedded
 * PostgreSQL's): it cannot read inside TLS. */
export async function statementProxy(databaseUrl: string): Promise<StatementProxy> {
  const target = new URL(databaseUrl);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = Number(target.port || 5432);
  const sent: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    const read = frontendReader((text) => sent.push(text.replace(/\s+/g, " ").trim()));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => socket.destroy());
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    // Read before forwarding: once the client has its answer, its statement is counted.
    client.on("data", (chunk: Buffer) => {
      read(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    statements: () => [...sent],
    reset: () => {
      sent.length = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
