// What every module stands on: configuration, the database, logging, rate
// limits, the token vault, network and HTTPS facts, form state. The job
// engine is its own door (lib/platform/jobs), so what imports this one does
// not load pg-boss.
export { asciiJson } from "./ascii-json";
export { requestNetwork } from "./client-address";
export { refuseUnlessCron } from "./cron-auth";
export { db } from "./db";
export { AUTH_BASE_PATH, authJsEnvironment, env } from "./env";
export { fieldErrorsOf, invalidFields, refused } from "./form-state";
export type { FormState } from "./form-state";
export { checkDatabase } from "./health";
export { servedOverHttps } from "./https";
export { log, newReference } from "./log";
export { originAllowed } from "./origins";
export { claimBackoffAttempt, clearBackoff, consumeRateLimit, passwordAccountBackoff, purgeRateLimits, rateLimits } from "./rate-limit";
export { searchChoice, searchParam, searchText } from "./search-params";
export type { SearchParams } from "./search-params";
export { createTokenVault, tokenVault } from "./token-vault";
export type { TokenVault } from "./token-vault";
