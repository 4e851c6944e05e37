// The Clever Library listing kit (LIG-M1..M6): what listing.json says and the
// format rules every file must meet, checked by the certification run itself.
import { hasAlpha, readPngHeader } from "./png";

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_TAGLINE = 60;

export interface ListingScreenshot {
  file: string;
  description: string;
}

export interface Listing {
  name: string;
  tagline: string;
  description: string;
  subjects: string[];
  gradeLevels: string[];
  devices: string[];
  pricing: { libraryTeachers: string; districts: string };
  privacyUrl: string;
  termsUrl: string;
  icon: string;
  banner: string;
  screenshots: ListingScreenshot[];
}

// Clever does not publish the Library listing's pick-lists in the docs we have
// (seeds 001/002 name the fields only). These are Clever's normalized section
// subject and grade values from the Data API, kept conservative: the app is a
// class and roster tool, not subject content, so "other".
const SUBJECTS = ["other"] as const;
const GRADE_LEVELS = ["Kindergarten", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] as const;

/** Listing devices from the engines that passed with no failure in this run. */
export function devicesFrom(passedBrowsers: readonly { browser: string; passed: number; failed: number }[]): string[] {
  return passedBrowsers.filter((b) => b.passed > 0 && b.failed === 0).map((b) => b.browser);
}

export function buildListing(input: { origin: string; devices: string[]; screenshots: ListingScreenshot[] }): Listing {
  const origin = input.origin.replace(/\/+$/, "");
  return {
    name: "Clever Classroom",
    tagline: "Your Clever classes and students, ready at sign-in",
    description:
      "Teachers, students and district staff sign in with Clever (Instant Login, the Clever Portal or Log in with Clever). " +
      "Teachers see their classes as Clever shares them, open each class roster with its students, and choose a class to work with; " +
      "students see the classes they are enrolled in. District administrators share their district with the app in Clever, which decides the schools it covers, " +
      "and rosters stay in step with Clever through scheduled syncs and Clever's events. Classes Clever stops sharing are archived, not lost.",
    subjects: [...SUBJECTS],
    gradeLevels: [...GRADE_LEVELS],
    devices: input.devices,
    pricing: {
      libraryTeachers: "Free trial for teachers who add the app from the Clever Library",
      districts: "Full product for districts, with a district contract",
    },
    privacyUrl: `${origin}/privacy`,
    termsUrl: `${origin}/terms`,
    icon: "icon.png",
    banner: "banner.png",
    screenshots: input.screenshots,
  };
}

export interface KitFile {
  name: string;
  bytes: Buffer;
}

type Rule = { width: number; height: number; exact: boolean };
const ICON: Rule = { width: 400, height: 400, exact: true };
const BANNER: Rule = { width: 400, height: 240, exact: true };
const SCREENSHOT: Rule = { width: 1200, height: 800, exact: false };

function pngProblems(file: KitFile | undefined, name: string, rule: Rule): string[] {
  if (!file) return [`${name} is missing`];
  const problems: string[] = [];
  if (file.bytes.length > MAX_FILE_BYTES) problems.push(`${name} is ${file.bytes.length} bytes, over 10 MB`);
  try {
    const h = readPngHeader(file.bytes);
    const fits = rule.exact ? h.width === rule.width && h.height === rule.height : h.width >= rule.width && h.height >= rule.height;
    if (!fits) problems.push(`${name} is ${h.width}x${h.height}, must be ${rule.exact ? "" : "at least "}${rule.width}x${rule.height}`);
    if (hasAlpha(file.bytes)) problems.push(`${name} has an alpha channel (PNG colour type ${h.colourType})`);
  } catch {
    problems.push(`${name} is not a PNG`);
  }
  return problems;
}

/** Every broken listing rule, in words for the report; empty when the kit can be uploaded as it is. */
export function kitProblems(listing: Listing, files: readonly KitFile[]): string[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const problems: string[] = [];
  if (!listing.name.trim()) problems.push("listing.json has no app name");
  if (listing.tagline.length > MAX_TAGLINE) problems.push(`tagline is ${listing.tagline.length} characters, over ${MAX_TAGLINE}`);
  if (!listing.tagline.trim()) problems.push("listing.json has no tagline");
  if (listing.description.trim().length < 100) problems.push("long description is missing or too short");
  if (listing.subjects.length === 0) problems.push("no subjects");
  if (listing.gradeLevels.length === 0) problems.push("no grade levels");
  if (listing.devices.length === 0) problems.push("no device passed the run");
  if (!/^https?:\/\/.+\/privacy$/.test(listing.privacyUrl)) problems.push("privacy URL is not an absolute /privacy link");
  if (!/^https?:\/\/.+\/terms$/.test(listing.termsUrl)) problems.push("terms URL is not an absolute /terms link");
  problems.push(...pngProblems(byName.get(listing.icon), listing.icon, ICON));
  problems.push(...pngProblems(byName.get(listing.banner), listing.banner, BANNER));
  const icon = byName.get(listing.icon);
  const banner = byName.get(listing.banner);
  if (icon && banner && icon.bytes.equals(banner.bytes)) problems.push("banner is the same image as the icon");
  const shots = listing.screenshots;
  if (shots.length < 1 || shots.length > 5) problems.push(`${shots.length} screenshots, must be 1 to 5`);
  for (const shot of shots) {
    problems.push(...pngProblems(byName.get(shot.file), shot.file, SCREENSHOT));
    if (!shot.description.trim()) problems.push(`${shot.file} has no description`);
  }
  return problems;
}
