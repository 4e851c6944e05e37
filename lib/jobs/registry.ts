// Every job the app has, in one list: the worker works these queues, the cron
// drain drains them, and `enqueue` accepts only these (lib/platform/jobs/queues.ts).
// Add a definition here (written with defineJob in its own domain module,
// e.g. lib/roster/district/) and it is created, worked and shown by `npm run jobs`.
import { districtRosterJobs } from "@/lib/roster";
import type { JobDefinition } from "@/lib/platform/jobs";

export const registeredJobs: readonly JobDefinition[] = [...districtRosterJobs];
