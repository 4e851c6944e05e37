import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The app (what `next build` ships) never imports test support: the local
// Clever, the integration-test support or the browser suites. Tests beside
// the code they test (lib/**/*.test.ts) may. An import reaches those folders
// through the `@/` alias or a relative path (`./` from a root file such as
// proxy.ts); tests/lint-boundaries.test.ts proves it.
const testSupport = "^(@/|\\./|(\\.\\./)+)(sandbox|tests|e2e)(/|$)";
const boundaryMessage = "The app must not import sandbox/, tests/ or e2e/: they are test support (README, Layout).";

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
    },
  },
];

export default config;
