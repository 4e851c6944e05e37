// Who is asking: the session cookie and row, the signed-in user, and the
// server-action wrapper that re-checks them. Imports people and platform.
export { getCurrentUser, hasFreshCleverLogin, requireTeacher, requireUser } from "./current-user";
export { bannerDetails } from "./queries";
export { SESSION_COOKIES, SESSION_UPDATE_AGE_SECONDS, absoluteExpiry, authJsCookies, clearedSessionCookie, createSessionRow, deleteSessionByToken, loadLiveSession, newSessionToken, secureCookies, sessionCookieName, sessionCookieOf, updateSessionExpiry } from "./session-store";
export type { SessionCookie, SignedInUser } from "./session-store";
export { endSession, startSession } from "./sessions";
export { validatedAction, validatedActionWithUser, validatedFormAction } from "./validated-action";
