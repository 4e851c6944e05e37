// The composition root of background work: every job the app has, and the
// daily purge. Imported by the worker, the cron routes and scripts, never by
// a page.
export { purgeExpired } from "./maintenance";
export { registeredJobs } from "./registry";
