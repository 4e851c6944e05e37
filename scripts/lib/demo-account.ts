// The demo's password account, shared by the seed and `npm run demo`'s welcome.

/** A password account with the same email as the sandbox's district teacher
 * Ben Ortiz (sandbox/fixtures.ts coTeacherB), to show linking an existing
 * account at first Clever login (LIB-07, LIG-08). */
export const demoPasswordAccount = {
  email: "ben.ortiz@sandbox.example",
  password: "demo-password-123",
  name: "Ben Ortiz",
  subjects: ["science", "arts and music"],
  grades: ["5"],
} as const;
