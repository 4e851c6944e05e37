import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The app (what `next build` ships) never imports test support: the local
// Clever, the integration-test support or the browser suites. Tests beside
// the code they test (lib/**/*.test.ts) may. An import reaches those folders
// through the `@/` alias or a relative path (`./` from a root file such as
// proxy.ts); tests/lint-boundaries.test.ts proves it.
const testSupport = "^(@/|\\./|(\\.\\./)+)(sandbox|tests|e2e)(/|$)";
const boundaryMessage = "The app must not import sandbox/, tests/ or e2e/: they are test support (ARCHITECTURE.md).";

// lib/'s modules and what each may import, one way (ARCHITECTURE.md): app/
// and components/ use any module's door; a module uses the doors below it.
// lib/jobs is the composition root of background work (the worker and the
// cron routes import it, no page does). platform/jobs, the job engine, is
// platform's second door, so importing platform does not load pg-boss;
// platform/error-copy, the sentences of errors people see, is its third, with
// no imports, so client components and pure files can read it.
const directions = {
  platform: [],
  clever: ["platform"],
  people: ["clever", "platform"],
  session: ["people", "platform"],
  roster: ["clever", "people", "platform"],
  login: ["clever", "people", "session", "roster", "platform"],
  schools: ["clever", "platform"],
  privacy: ["people", "platform"],
  onboarding: ["clever", "people", "schools", "platform"],
  listing: [],
  jobs: ["clever", "people", "session", "login", "roster", "privacy", "platform"],
};
const modules = Object.keys(directions);
const doorMessage = "Import a module through its door (@/lib/<module>, @/lib/platform/jobs or @/lib/platform/error-copy), never a file inside it.";

/** no-restricted-imports patterns for a file in lib/<self> (or outside lib/ when self is null). */
function libPatterns(self) {
  const patterns = [{ regex: testSupport, message: boundaryMessage }];
  // Into another module: only its door. Within a module: any file, never its own door (a cycle).
  patterns.push({ regex: `^@/lib/(?!generated/)(?!${self ?? "\\0"}/)(?!platform/(jobs|error-copy)$)[\\w-]+/`, message: doorMessage });
  if (self) {
    const denied = modules.filter((m) => m !== self && !directions[self].includes(m));
    if (self !== "platform") patterns.push({ regex: `^@/lib/${self}$`, message: "A module does not import its own door: import the file (a door imported from inside is a cycle)." });
    if (denied.length > 0) patterns.push({ regex: `^@/lib/(${denied.join("|")})(/|$)`, message: `lib/${self} may import only ${directions[self].join(", ") || "no other module"} (the one-way direction in eslint.config.mjs).` });
    patterns.push({ regex: "^\\.\\.(/|$)", message: "Beyond its own folder, a lib/ file imports by @/lib/…: the module it reaches is then plain." });
  } else {
    patterns.push({ regex: "^@/lib/(platform/)?jobs$", message: "Pages and components never load the job engine: only app/api/ routes do." });
  }
  return patterns;
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "certification-report/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: testSupport, message: boundaryMessage }] }],
      // import("…") is not an import declaration: the same boundary for it.
      "no-restricted-syntax": ["error", { selector: `ImportExpression[source.value=/${testSupport.replaceAll("/", "\\x2F")}/]`, message: boundaryMessage }],
      // No import cycles in the app, through doors or files.
      "import/no-cycle": "error",
    },
  },
  {
    files: ["app/**", "components/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: libPatterns(null) }] },
  },
  {
    files: ["app/api/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: libPatterns(null).filter((p) => !p.regex.includes("jobs$")) }] },
  },
  ...modules.map((self) => ({
    files: [`lib/${self}/**`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: libPatterns(self) }] },
  })),
  {
    // Client components read the error copy: it imports nothing, so it brings nothing else into their bundle.
    files: ["lib/platform/error-copy.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: ".", message: "lib/platform/error-copy.ts imports nothing: client components read it." }] }] },
  },
];

export default config;
