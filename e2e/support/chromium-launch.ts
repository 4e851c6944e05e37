// How this machine launches Chromium: the Playwright projects and the listing
// kit's icon and banner renderer (scripts/listing-kit.ts) share it.
export const chromiumLaunch = {
  executablePath: "/usr/bin/chromium",
  // Without these, Chromium calls home at start and the closed network refuses it.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
