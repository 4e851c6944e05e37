// Ordinary email + password accounts: creation and sign-in checks.
import "server-only";
import { db } from "@/lib/platform";
import type { Role, User } from "@/lib/generated/prisma/client";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./passwords";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The password account that signs in with this email (Clever users' emails
 * are contact details, never sign-in names: see User.loginEmail). */
export async function findPasswordAccount(email: string): Promise<User | null> {
  return db.user.findUnique({ where: { loginEmail: normalizeEmail(email) } });
}

/** The account for these credentials, or null (same answer and timing for an
 * unknown email and a wrong password). */
export async function authenticate(email: string, password: string): Promise<User | null> {
  const user = await findPasswordAccount(email);
  if (!user?.passwordHash) {
    await verifyAgainstNothing(password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** "email_taken": another password account signs in with it. Only password
 * accounts count, so a sign-up reveals nothing about Clever users. */
export type CreateResult = { ok: true; user: User } | { ok: false; reason: "email_taken" };

export async function createPasswordAccount(input: { name: string; email: string; password: string; role: Role }): Promise<CreateResult> {
  const email = normalizeEmail(input.email);
  if (await findPasswordAccount(email)) return { ok: false, reason: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { name: input.name.trim(), email, loginEmail: email, passwordHash, role: input.role } });
    return { ok: true, user };
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") return { ok: false, reason: "email_taken" };
    throw error;
  }
}
