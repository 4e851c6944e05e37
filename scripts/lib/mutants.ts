// The mutants of `npm run certify:mutants` (scripts/certify-mutants.ts): each
// a plausible one-line mistake that breaks one requirement.
export interface Mutant {
  requirement: string;
  what: string;
  patches: { file: string; find: string; replace: string }[];
}

export const mutants: Mutant[] = [
  {
    requirement: "DSSO-03",
    what: "the banner no longer names the signed-in user",
    patches: [{ file: "components/logged-in-banner.tsx", find: 'data-testid="banner-name">\n            {name}', replace: 'data-testid="banner-name">\n            {""}' }],
  },
  {
    requirement: "DSSO-R5",
    what: "a new Clever login no longer ends the browser's previous session",
    patches: [{ file: "lib/login/route-handler.ts", find: "if (previous && response.cookies.get(sessionCookieName())?.value) await deleteSessionByToken(previous.token);", replace: "" }],
  },
  {
    requirement: "LIG-03",
    what: "a section's co-teachers (its teachers other than the primary) are no longer linked to it; the primary teacher's link stays",
    patches: [{ file: "lib/roster/sync/apply.ts", find: "if (userId) desiredTeachers.set(userId, id === primary);", replace: "if (userId && id === primary) desiredTeachers.set(userId, true);" }],
  },
  {
    requirement: "LIB-03",
    what: "a Library teacher no longer gets a free trial",
    patches: [
      { file: "lib/people/provision.ts", find: 'trialEndsAt: role === "teacher" && authorizedBy === "teacher" ? trialEnd(deps) : null,', replace: "trialEndsAt: null," },
      { file: "lib/people/provision.ts", find: '...(role === "teacher" && authorizedBy === "teacher" && existing.trialEndsAt === null ? { trialEndsAt: trialEnd(deps) } : {}),', replace: "" },
    ],
  },
  {
    requirement: "DSSO-07",
    what: "Log Out no longer deletes the session row (only the cookie goes)",
    patches: [{ file: "lib/session/sessions.ts", find: "if (cookie) await deleteSessionByToken(cookie.token);", replace: "if (cookie) void deleteSessionByToken;" }],
  },
  {
    // Not the provider's `checks` line: Auth.js adds the state check back by
    // itself to a provider with a redirect proxy, so a mutant there survives
    // (2026-12-07). This is the mistake of our own: Clever-initiated logins
    // handed to the exchange as they come.
    requirement: "DSSO-01",
    what: "a Clever-initiated callback (a code, no state) goes straight to the exchange instead of restarting an authorization with the app's own state",
    patches: [{ file: "lib/login/route-handler.ts", find: 'if (params.has("code")) return restartLogin(req);', replace: 'if (params.has("code")) return finishCallback(req, sessionCookieOf(req.cookies));' }],
  },
  {
    requirement: "DSSO-05",
    what: "logins name the last registered redirect URI to Clever instead of the primary (the first)",
    patches: [{ file: "lib/login/auth.ts", find: "new URL(config.CLEVER_REDIRECT_URIS[0] ?? \"\")", replace: "new URL(config.CLEVER_REDIRECT_URIS.at(-1) ?? \"\")" }],
  },
  {
    requirement: "DSSO-04",
    what: "a login also finds accounts by email, so a password account with Clever's email is taken over",
    patches: [
      {
        file: "lib/people/provision.ts",
        find: "where: { OR: [{ cleverId: { in: ids } }, { cleverLegacyIds: { hasSome: ids } }] },",
        replace: "where: { OR: [{ cleverId: { in: ids } }, { cleverLegacyIds: { hasSome: ids } }, ...(login.email ? [{ email: login.email }] : [])] },",
      },
    ],
  },
  {
    requirement: "LIB-09",
    what: "a teacher with no sections sees no empty state (a flipped condition)",
    patches: [
      {
        file: "components/dashboard/teacher-dashboard.tsx",
        find: '{sections.length === 0 && !isImporting ? (\n        <section aria-labelledby="empty-title"',
        replace: '{sections.length === 0 && isImporting ? (\n        <section aria-labelledby="empty-title"',
      },
    ],
  },
  {
    requirement: "DSSO-06",
    what: "the login error page loses its support reference",
    patches: [{ file: "app/auth/error/page.tsx", find: '<strong data-testid="auth-error-reference">{reference}</strong>', replace: '<strong data-testid="auth-error-reference"></strong>' }],
  },
  {
    requirement: "SS-04",
    what: "a class Clever shares again keeps its archived mark (the restore forgets archivedAt)",
    patches: [{ file: "lib/roster/district/roster-sql.ts", find: 'ELSE s."renamedAt" END,\n        "archivedAt" = NULL, ', replace: 'ELSE s."renamedAt" END,\n        ' }],
  },
  {
    requirement: "LIB-12",
    what: "a student's login sync counts the classes Clever took away but no longer archives them",
    patches: [{ file: "lib/roster/sync/apply.ts", find: "archiveEnrollments.push(enrollment);\n      counts.classesArchived += 1;", replace: "counts.classesArchived += 1;" }],
  },
];


const count = (text: string, part: string) => text.split(part).length - 1;

/** Why a mutant's patches would not apply to the tree as it is (a file gone, a
 * text found other than once), so mutants cannot go quietly stale. */
export function patchProblems(mutant: Mutant, read: (file: string) => string | undefined): string[] {
  return mutant.patches.flatMap((patch) => {
    const text = read(patch.file);
    if (text === undefined) return [`${mutant.requirement}: ${patch.file} does not exist (moved?); update the mutant`];
    const n = count(text, patch.find);
    return n === 1 ? [] : [`${mutant.requirement}: the patch no longer applies to ${patch.file} (its text occurs ${n} times); update the mutant`];
  });
}
