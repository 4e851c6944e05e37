// Ordinary email + password accounts: creation and sign-in checks.
import "server-only";
import { db } from "@/lib/db";
import type { Role, User } from "@/lib/generated/prisma/client";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./passwords";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string): Promise<User | null> {
  return db.user.findFirst({ where: { email: { equals: normalizeEmail(email), mode: "insensitive" } } });
}

/** The account for these credentials, or null (same answer and timing for an
 * unknown email and a wrong password). */
export async function authenticate(email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) {
    await verifyAgainstNothing(password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export type CreateResult = { ok: true; user: User } | { ok: false; reason: "email_taken" };

export async function createPasswordAccount(input: { name: string; email: string; password: string; role: Role }): Promise<CreateResult> {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(email)) return { ok: false, reason: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { name: input.name.trim(), email, passwordHash, role: input.role } });
    return { ok: true, user };
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") return { ok: false, reason: "email_taken" };
    throw error;
  }
}
