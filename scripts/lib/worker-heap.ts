// The job worker's V8 heap limit. What a worker holds is bounded whatever the
// district's size (a roster page's bytes, off the heap, and one write batch;
// one full sync per process: lib/sync/district/jobs.ts), but left alone V8
// lets its heap grow to several times that before collecting (a
// 50,000-student full sync peaked at 482 MB RSS). With this limit it collects
// sooner and the same sync peaks under 300 MB (README, "District rostering
// benchmark"). `npm run bench -- district --heap-mb 0` measures without it.
export const WORKER_HEAP_MB = 150;

/** The Node flags a worker process runs with (tsx hands Node's flags on). */
export const WORKER_NODE_FLAGS = [`--max-old-space-size=${WORKER_HEAP_MB}`, "--conditions=react-server"] as const;
