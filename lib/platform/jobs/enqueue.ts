// Putting a job on its queue: the payload is validated here, before it is
// stored, and the definition's singletonKey makes a repeated enqueue (a
// double click, a retried request) a no-op while the first still waits.
import "server-only";
import type { PgBoss } from "pg-boss";
import type { z } from "zod";
import { appBoss } from "./app-boss";
import type { JobDefinition, PayloadSchema } from "./define";
import { ensureQueue } from "./queues";

export type EnqueueResult =
  | { status: "queued"; id: string }
  /** A job with the same singletonKey is already waiting: it will do the work. */
  | { status: "duplicate" };

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  startAfter?: Date;
  /** Default: the app's instance (lib/platform/jobs/app-boss.ts). */
  boss?: PgBoss;
}

export async function enqueue<Schema extends PayloadSchema>(definition: JobDefinition<Schema>, payload: z.input<Schema>, options: EnqueueOptions = {}): Promise<EnqueueResult> {
  const data = definition.payload.parse(payload);
  const boss = options.boss ?? (await appBoss());
  await ensureQueue(boss, definition);
  const singletonKey = definition.singletonKey?.(data);
  const id = await boss.send(definition.name, data, {
    ...(singletonKey === undefined ? {} : { singletonKey }),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
  return id === null ? { status: "duplicate" } : { status: "queued", id };
}
