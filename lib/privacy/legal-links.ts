// The legal pages' paths: the footer, the login and signup pages and the listing kit link to them.
export const PRIVACY_PATH = "/privacy";
const TERMS_PATH = "/terms";

export const LEGAL_LINKS = [
  { href: PRIVACY_PATH, label: "Privacy Policy" },
  { href: TERMS_PATH, label: "Terms of Service" },
] as const;
