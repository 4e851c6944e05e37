// The privacy page's facts: the company, what is stored and how long.
export { company, retentionFacts } from "./company";
export { STORED_CLEVER_FIELDS, retentionText } from "./inventory";
export { LEGAL_LINKS, PRIVACY_PATH } from "./legal-links";
