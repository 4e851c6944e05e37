// How often a district is rostered in full. A file of its own, importing
// nothing: the certification report quotes it from outside the app.

/** A full district sync at least this often (Clever asks for one a day). */
export const DISTRICT_FULL_SYNC_HOURS = 24;
