// The job engine (pg-boss): define a job, enqueue it, drain queues. pg-boss
// itself loads on the first enqueue, not on import.
export { appBoss } from "./app-boss";
export { defineJob, JOB_CONCURRENCY } from "./define";
export type { JobDefinition } from "./define";
export { drainQueues } from "./drain";
export { enqueue } from "./enqueue";
