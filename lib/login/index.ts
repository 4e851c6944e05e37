// The Clever sign-in: Auth.js with the Clever provider, the callback's route
// handler, login errors and redirects. Imports clever, people, session,
// roster and platform.
export { signIn } from "./auth";
export { CLEVER_PROVIDER_ID } from "./clever-provider";
export { kindFromAuthErrorType, loginErrorCopy, loginErrorKindSchema } from "./errors";
export { purgeUsedCodes } from "./login-codes";
export { AFTER_LOGIN_PATH, returnPath, safeCallbackPath } from "./redirects";
export { handleAuthGet, handleAuthPost } from "./route-handler";
