// The version of the mapping from Clever's records to the district sync's
// rows (./staging.ts, and the rules it shares with the user's sync in
// lib/roster/sync/record-fields.ts). Every stored digest includes it: a new
// version makes every digest differ, so the next full sync writes every row
// again, as a release that changes what a row is built from needs. Raise it
// with any such change.
export const ROSTER_MAPPING_VERSION = 1;
