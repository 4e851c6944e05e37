import { redirect } from "next/navigation";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import type { Session, User } from "@/lib/generated/prisma/client";

// The user lookup is stubbed at its source (the session cookie and the
// session row), so the real requireUser / requireRole rules run.
const lookup = vi.hoisted(() => ({ token: undefined as string | undefined, user: null as User | null }));
vi.mock("@/lib/session/sessions", () => ({ currentSessionCookie: async () => (lookup.token ? { token: lookup.token, oldName: false } : undefined) }));
vi.mock("@/lib/session/session-store", () => ({
  lookUpSession: async () => (lookup.user ? { user: lookup.user, session: { cleverLoginAt: null } as Session } : null),
}));

const { validatedAction, validatedActionWithUser, validatedFormAction } = await import("./validated-action");

function signIn(role: User["role"]): User {
  const user = { id: `user-${role}`, role, roles: role ? [role] : [], cleverId: "c1", name: "Ada Park" } as User;
  lookup.token = "token";
  lookup.user = user;
  return user;
}

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

/** Where a NEXT_REDIRECT error sends the browser. */
async function redirectOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  return digest.startsWith("NEXT_REDIRECT;") ? digest.split(";")[2] : undefined;
}

const credentials = z.object({
  email: z.email("Enter an email."),
  password: z.string().min(1, "Enter your password."),
});

beforeEach(() => {
  lookup.token = undefined;
  lookup.user = null;
});

describe("validatedAction (no signed-in user)", () => {
  test("a form that fails the schema gets field errors and its values back, never the password; the handler does not run", async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    const action = validatedAction({ schema: credentials }, handler);
    const state = await action({}, form({ email: "not-an-email", password: "" }));
    expect(state).toEqual({
      message: "Please check the highlighted fields.",
      fieldErrors: { email: ["Enter an email."], password: ["Enter your password."] },
      values: { email: "not-an-email" },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  test("a passing form reaches the handler as the schema's output, with the form data", async () => {
    const named = z.object({ name: z.string().trim().min(1), grade: z.coerce.number() });
    const handler = vi.fn(async (input: z.output<typeof named>) => ({ message: `${input.name} in ${input.grade.toFixed(0)}` }));
    const action = validatedAction({ schema: named }, handler);
    const data = form({ name: " Ada ", grade: "4", extra: "ignored" });
    expect(await action({}, data)).toEqual({ message: "Ada in 4" });
    expect(handler).toHaveBeenCalledWith({ name: "Ada", grade: 4 }, data);
  });

  test("by default a field's first value is read; `read` reads anything else (several values)", async () => {
    const handler = vi.fn(async () => ({}));
    await validatedAction({ schema: z.object({ tag: z.string() }) }, handler)({}, form({ tag: ["a", "b"] }));
    expect(handler).toHaveBeenLastCalledWith({ tag: "a" }, expect.any(FormData));
    const tags = z.object({ tags: z.array(z.string()) });
    await validatedAction({ schema: tags, read: (data) => ({ tags: data.getAll("tags") }) }, handler)({}, form({ tags: ["a", "b"] }));
    expect(handler).toHaveBeenLastCalledWith({ tags: ["a", "b"] }, expect.any(FormData));
  });
});

describe("validatedActionWithUser", () => {
  test("a passing form reaches the handler with typed data and the signed-in user", async () => {
    const teacher = signIn("teacher");
    const handler = vi.fn(async (input: z.output<typeof credentials>, user: User) => ({ message: `${user.id}:${input.email}` }));
    const action = validatedActionWithUser({ role: "teacher", schema: credentials }, handler);
    expect(await action({}, form({ email: "a@b.org", password: "pw" }))).toEqual({ message: "user-teacher:a@b.org" });
    expect(handler).toHaveBeenCalledWith({ email: "a@b.org", password: "pw" }, teacher, expect.any(FormData));
  });

  test("the wrong role is sent to the dashboard before the form is read; the handler does not run", async () => {
    signIn("student");
    const read = vi.fn(() => ({}));
    const handler = vi.fn(async () => ({}));
    const action = validatedActionWithUser({ role: "teacher", schema: z.object({}), read }, handler);
    expect(await redirectOf(action({}, form({})))).toBe("/dashboard");
    expect(read).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();

    signIn("teacher");
    expect(await redirectOf(validatedActionWithUser({ role: "student", schema: z.object({}) }, handler)({}, form({})))).toBe("/dashboard");
    expect(handler).not.toHaveBeenCalled();
  });

  test('"any" takes every signed-in user, and nobody signed in goes to the login page (or the logged-out screen for an ended session)', async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    const action = validatedActionWithUser({ role: "any", schema: z.object({}) }, handler);
    expect(await redirectOf(action({}, form({})))).toBe("/login");
    lookup.token = "ended";
    expect(await redirectOf(action({}, form({})))).toBe("/logged-out?reason=expired");
    expect(handler).not.toHaveBeenCalled();
    for (const role of ["student", "teacher", "district_admin"] as const) {
      signIn(role);
      expect(await action({}, form({}))).toEqual({ ok: true });
    }
  });

  test("field errors for a signed-in user too; `before` runs once the user is known, before the form is read, and may redirect", async () => {
    const teacher = signIn("teacher");
    const handler = vi.fn(async () => ({}));
    const calls: string[] = [];
    const read = (data: FormData) => {
      calls.push("read");
      return { email: data.get("email"), password: data.get("password") };
    };
    const before = vi.fn(async (_user: User, data: FormData) => {
      calls.push("before");
      if (data.get("stale") === "1") redirect("/profile?confirm=expired");
    });
    const action = validatedActionWithUser({ role: "any", schema: credentials, read, before }, handler);
    const state = await action({}, form({ email: "x", password: "secret" }));
    expect(state.fieldErrors?.email).toEqual(["Enter an email."]);
    expect(state.values).toEqual({ email: "x" });
    expect(calls).toEqual(["before", "read"]);
    expect(before).toHaveBeenCalledWith(teacher, expect.any(FormData));
    expect(await redirectOf(action({}, form({ email: "a@b.org", password: "pw", stale: "1" })))).toBe("/profile?confirm=expired");
    expect(handler).not.toHaveBeenCalled();
  });

  test("a state of its own says what a failed parse answers", async () => {
    signIn("student");
    interface Status {
      status: "idle" | "failed" | "done";
      message: string;
    }
    const action = validatedActionWithUser(
      { role: "any", schema: z.object({ intent: z.literal("go") }), invalid: (): Status => ({ status: "failed", message: "Use the button." }) },
      async (): Promise<Status> => ({ status: "done", message: "Done." }),
    );
    const idle: Status = { status: "idle", message: "" };
    expect(await action(idle, form({}))).toEqual({ status: "failed", message: "Use the button." });
    expect(await action(idle, form({ intent: "go" }))).toEqual({ status: "done", message: "Done." });
  });
});

describe("validatedFormAction (a plain form action)", () => {
  test("checks the role, answers a failed parse with `invalid`, and passes typed data and the user", async () => {
    const toggle = z.object({ id: z.string().min(1), shown: z.enum(["true", "false"]).transform((v) => v === "true") });
    const handler = vi.fn(async () => {});
    const invalid = vi.fn(() => {});
    const action = validatedFormAction({ role: "teacher", schema: toggle, invalid }, handler);

    signIn("student");
    expect(await redirectOf(action(form({ id: "s1", shown: "true" })))).toBe("/dashboard");

    const teacher = signIn("teacher");
    await action(form({ id: "s1", shown: "maybe" }));
    expect(invalid).toHaveBeenCalledOnce();
    expect(handler).not.toHaveBeenCalled();
    await action(form({ id: "s1", shown: "false" }));
    expect(handler).toHaveBeenCalledWith({ id: "s1", shown: false }, teacher, expect.any(FormData));
  });
});
