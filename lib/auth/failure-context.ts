// Auth.js reports a failed login only as `?error=<AuthErrorType>` on its error
// redirect, which loses what actually went wrong (a denied consent, an expired
// code, Clever down). The route handler runs each request inside this context;
// Auth.js's logger and our provider record the classified failure here, and
// the handler then sends the browser to /auth/error with the precise kind.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { ClassifiedFailure } from "./errors";

interface LoginContext {
  failure?: ClassifiedFailure;
}

const storage = new AsyncLocalStorage<LoginContext>();

export function runInLoginContext<T>(action: () => Promise<T>): Promise<T> {
  return storage.run({}, action);
}

/** Keeps the first failure: later ones are usually consequences of it. */
export function recordFailure(failure: ClassifiedFailure): void {
  const context = storage.getStore();
  if (context && !context.failure) context.failure = failure;
}

export function recordedFailure(): ClassifiedFailure | undefined {
  return storage.getStore()?.failure;
}
