// The job worker's V8 heap limit. What a worker holds is bounded whatever the
// district's size (a roster page's bytes, off the heap, and one write batch;
// one full sync per process: lib/roster/district/jobs.ts), but left alone V8
// lets its heap grow to several times that before collecting (a
// 50,000-student full sync peaked at 482 MB RSS). With this limit it collects
// sooner and the same sync peaks under 300 MB (docs/benchmarks.md, "District
// roster sync"). `npm run bench -- district --heap-mb 0` measures without it.
export const WORKER_HEAP_MB = 150;

/** The Node flags a worker process runs with. One process, TypeScript through
 * tsx's loader (`--import tsx`), not the tsx command: that one runs the
 * worker as its child and, when a stop signal's relay is not acknowledged
 * within 30 ms (a busy machine), kills it, cutting the shutdown's grace. */
export const WORKER_NODE_FLAGS = [`--max-old-space-size=${WORKER_HEAP_MB}`, "--conditions=react-server", "--import", "tsx"] as const;
