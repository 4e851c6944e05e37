// Where the listing kit's inputs and output live (one place for the spec that
// takes the screenshots, the kit builder and certify).
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const listingShotsDir = path.join(root, "test-results", "listing-screenshots");
export const listingSvg = path.join(root, "assets", "listing", "brand.svg");
export const listingDir = (reportDir: string) => path.join(reportDir, "listing");
