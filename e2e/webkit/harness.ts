// A very small test runner for the Safari engine: Playwright's WebKit cannot
// be installed here, so these journeys drive Debian's WebKitGTK (MiniBrowser)
// through WebKitWebDriver with webdriverio. Each journey gets a fresh browser
// session (no cookies carried over), its final screen is saved as a PNG, and
// the results go to test-results/webkit.json in the shape the certification
// report reads (`WebkitReport` in scripts/lib/coverage.ts).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { remote } from "webdriverio";

export type Browser = WebdriverIO.Browser;

export interface Stack {
  appUrl: string;
  cleverUrl: string;
  clientId: string;
  /** The app's registered redirect URIs, the primary first. */
  redirectUris: string[];
  /** The app's database, for journeys that check what was stored. */
  databaseUrl?: string;
}

export interface JourneyContext {
  browser: Browser;
  stack: Stack;
  /** Keeps the current screen as the journey's screenshot (else its final screen is kept). */
  capture(): Promise<void>;
}

export interface Journey {
  /** Carries the requirement IDs it proves, e.g. "[DSSO-07][LIB-14] …". */
  title: string;
  run(context: JourneyContext): Promise<void>;
}

/** A journey and the file it is written in (the report names each test's real file). */
export interface FiledJourney extends Journey {
  file: string;
}

export interface WindowProfile {
  /** Engine name in the report. */
  engine: string;
  width: number;
  height: number;
  /** MiniBrowser's --user-agent (the phone profile sends an iPhone's). */
  userAgent?: string;
}

export interface JourneyResult {
  title: string;
  file: string;
  engine: string;
  status: "passed" | "failed";
  durationMs: number;
  error?: string;
  screenshots: string[];
}

export const miniBrowser = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

async function openSession(driverPort: number, profile: WindowProfile): Promise<Browser> {
  // WebKitGTK's vendor capability is not in webdriverio's types.
  const capabilities: WebdriverIO.Capabilities & { "webkitgtk:browserOptions": { binary: string; args: string[] } } = {
    // Without this webdriverio asks for BiDi, which WebKitWebDriver refuses.
    "wdio:enforceWebDriverClassic": true,
    browserName: "MiniBrowser",
    // The stack's https runs on a certificate made on this machine
    // (scripts/lib/local-tls.ts); WebKitGTK takes no certificate pin.
    acceptInsecureCerts: true,
    "webkitgtk:browserOptions": {
      binary: miniBrowser,
      args: ["--automation", ...(profile.userAgent ? [`--user-agent=${profile.userAgent}`] : [])],
    },
  };
  const browser = await remote({ hostname: "127.0.0.1", port: driverPort, logLevel: "error", connectionRetryCount: 1, capabilities });
  await browser.setTimeout({ pageLoad: 30_000, script: 30_000 });
  await browser.setWindowSize(profile.width, profile.height);
  return browser;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

/** Runs the journeys one after another (one WebKit process at a time). */
export async function runJourneys(options: {
  journeys: FiledJourney[];
  driverPort: number;
  profile: WindowProfile;
  stack: Stack;
  screenshotDir: string;
}): Promise<{ results: JourneyResult[]; viewport?: string }> {
  const { journeys, driverPort, profile, stack, screenshotDir } = options;
  mkdirSync(screenshotDir, { recursive: true });
  const results: JourneyResult[] = [];
  let viewport: string | undefined;
  for (const journey of journeys) {
    const started = Date.now();
    const screenshots: string[] = [];
    let error: string | undefined;
    let browser: Browser | undefined;
    const shot = path.join(screenshotDir, `${profile.engine}-${slug(journey.title)}.png`);
    try {
      // A MiniBrowser that fails to start (seen once: its display refused it)
      // is the machine's failure, not the journey's: one more try.
      browser = await openSession(driverPort, profile).catch(() => openSession(driverPort, profile));
      const session = browser;
      const capture = async () => {
        await session.saveScreenshot(shot);
        if (!screenshots.includes(shot)) screenshots.push(shot);
      };
      // The window manager may not allow the exact size asked for: report the real one.
      viewport ??= await browser.execute(() => `${window.innerWidth} × ${window.innerHeight}`);
      await journey.run({ browser, stack, capture });
    } catch (caught) {
      error = caught instanceof Error ? caught.message.split("\n")[0] : String(caught);
    }
    if (browser) {
      // A failure's screen explains it; otherwise the captured or final screen.
      if (error || screenshots.length === 0) {
        await browser
          .saveScreenshot(shot)
          .then(() => void (screenshots.includes(shot) || screenshots.push(shot)))
          .catch(() => {});
      }
      await browser.deleteSession().catch(() => {});
    }
    const result: JourneyResult = {
      title: journey.title,
      file: journey.file,
      engine: profile.engine,
      status: error ? "failed" : "passed",
      durationMs: Date.now() - started,
      error,
      screenshots,
    };
    results.push(result);
    const mark = error ? "✘" : "✓";
    console.log(`  ${mark} [${profile.engine}] ${journey.title} (${(result.durationMs / 1000).toFixed(1)} s)${error ? `\n      ${error}` : ""}`);
  }
  return { results, viewport };
}

// ------------------------------------------------------------ page helpers

const waitOptions = (what: string, timeout = 20_000) => ({ timeout, interval: 200, timeoutMsg: what });

/** Marks the first visible button or link whose accessible name (aria-label,
 * else its text with images' alt text, else a submit input's value) matches
 * `pattern`; case and spacing are forgiven, as a person would read it. */
function markNamed(source: string, flags: string): boolean {
  const pattern = new RegExp(source, flags);
  const nameOf = (element: Element): string => {
    const label = element.getAttribute("aria-label");
    if (label) return label;
    if (element instanceof HTMLInputElement) return element.value;
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
      else if (node instanceof HTMLImageElement) parts.push(node.alt);
      else node.childNodes.forEach(walk);
    };
    walk(element);
    return parts.join(" ");
  };
  document.querySelectorAll("[data-wk-target]").forEach((element) => element.removeAttribute("data-wk-target"));
  const candidates = document.querySelectorAll('button, a[href], [role="button"], [role="link"], input[type="submit"], input[type="button"]');
  for (const element of candidates) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (pattern.test(nameOf(element).replace(/\s+/g, " ").trim())) {
      element.setAttribute("data-wk-target", "");
      return true;
    }
  }
  return false;
}

/** Whether a button or link matching `pattern` is on the page now. */
export async function isShown(browser: Browser, pattern: RegExp): Promise<boolean> {
  return browser.execute(markNamed, pattern.source, pattern.flags);
}

/** `text` as a regular expression that matches it literally. */
export const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Clicks the button or link named `name` (exact, case-insensitive) or matching a pattern. */
export async function click(browser: Browser, name: string | RegExp): Promise<void> {
  const pattern = typeof name === "string" ? new RegExp(`^${literal(name)}$`, "i") : name;
  // A click on a page still loading can be lost: wait for it to settle first.
  await browser
    .waitUntil(
      async () => (await browser.execute(() => document.readyState)) === "complete" && browser.execute(markNamed, pattern.source, pattern.flags),
      waitOptions(`no button or link named ${pattern}`),
    )
    .catch(async () => {
      throw new Error(`no button or link named ${pattern} on ${await browser.getUrl()}`);
    });
  await browser.$("[data-wk-target]").click();
}

export async function waitForPath(browser: Browser, pathname: string, timeout = 30_000): Promise<void> {
  await browser.waitUntil(async () => new URL(await browser.getUrl()).pathname === pathname, {
    ...waitOptions(`expected to reach ${pathname}`, timeout),
    timeoutMsg: `expected to reach ${pathname}, still on ${await browser.getUrl().catch(() => "?")}`,
  });
}

export async function waitForUrl(browser: Browser, predicate: (url: URL) => boolean, what: string): Promise<void> {
  await browser.waitUntil(async () => predicate(new URL(await browser.getUrl())), waitOptions(what, 30_000));
}

export async function pageText(browser: Browser): Promise<string> {
  return browser.$("body").getText();
}

export async function waitForText(browser: Browser, pattern: RegExp): Promise<string> {
  let text = "";
  await browser
    .waitUntil(
      async () => {
        text = await pageText(browser);
        return pattern.test(text);
      },
      waitOptions(`no text matching ${pattern}`),
    )
    .catch(async () => {
      throw new Error(`no text matching ${pattern} on ${await browser.getUrl()}: "${text.slice(0, 200).replace(/\s+/g, " ")}"`);
    });
  return text;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Marks the form control a person finds by this label text (its <label
 * for>, or the <label> around it), exact but for case and spacing. */
function markLabelled(text: string): boolean {
  const wanted = text.replace(/\s+/g, " ").trim().toLowerCase();
  document.querySelectorAll("[data-wk-field]").forEach((element) => element.removeAttribute("data-wk-field"));
  for (const label of document.querySelectorAll("label")) {
    if ((label.textContent ?? "").replace(/\s+/g, " ").trim().toLowerCase() !== wanted) continue;
    const control = label.control;
    if (!control) continue;
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    control.setAttribute("data-wk-field", "");
    return true;
  }
  return false;
}

async function labelled(browser: Browser, label: string): Promise<WebdriverIO.Element> {
  await browser
    .waitUntil(
      async () => (await browser.execute(() => document.readyState)) === "complete" && browser.execute(markLabelled, label),
      waitOptions(`no field labelled "${label}"`),
    )
    .catch(async () => {
      throw new Error(`no field labelled "${label}" on ${await browser.getUrl()}`);
    });
  return browser.$("[data-wk-field]").getElement();
}

/** Types `value` into the field labelled `label`, replacing what it held. */
export async function fill(browser: Browser, label: string, value: string): Promise<void> {
  const field = await labelled(browser, label);
  await field.clearValue();
  await field.addValue(value);
}

/** Ticks the checkbox or radio button labelled `label` (left ticked if it is). */
export async function check(browser: Browser, label: string): Promise<void> {
  const field = await labelled(browser, label);
  if (!(await field.isSelected())) await field.click();
}

/** Clicks the shown listbox option (role="option") named `name`, e.g. a combobox's choice. */
export async function chooseOption(browser: Browser, name: string): Promise<void> {
  const mark = (wanted: string) => {
    document.querySelectorAll("[data-wk-option]").forEach((element) => element.removeAttribute("data-wk-option"));
    for (const option of document.querySelectorAll('[role="option"]')) {
      const box = option.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if ((option.textContent ?? "").replace(/\s+/g, " ").trim() === wanted) {
        option.setAttribute("data-wk-option", "");
        return true;
      }
    }
    return false;
  };
  await browser.waitUntil(async () => browser.execute(mark, name), waitOptions(`no option named "${name}"`));
  await browser.$("[data-wk-option]").click();
}
