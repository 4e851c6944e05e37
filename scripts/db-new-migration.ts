// `npm run db:new-migration -- NAME`: writes prisma/migrations/<timestamp>_NAME
// with the SQL that takes the last committed prisma/schema.prisma (which the
// committed migrations produce) to the working copy of the schema.
// Works offline: Prisma's WebAssembly engine diffs the two schema files while
// connected to a scratch database in the embedded PostgreSQL; nothing is
// downloaded. (Diffing from the migrations folder needs a native engine.)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, projectRoot, startEmbeddedPostgres } from "./lib/postgres";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- name_in_snake_case");
  process.exit(1);
}
const committed = path.join(mkdtempSync(path.join(tmpdir(), "schema-")), "schema.prisma");
writeFileSync(committed, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: projectRoot, encoding: "utf8" }));

const db = await startEmbeddedPostgres("scratch");
try {
  const url = await createDatabase(db.url, "migration_scratch");
  const sql = execFileSync(
    path.join(projectRoot, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", committed, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
  );
  await dropDatabase(db.url, "migration_scratch");
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("prisma/schema.prisma is unchanged since the last commit: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(projectRoot, "prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(projectRoot, dir)}/migration.sql`);
  }
} finally {
  await db.stop();
}
