// Clever's id_tokens (apps with OIDC enabled; district logins only): checked
// before anything reads them, with jose: RS256 signature against the keys in
// Clever's JWKS (found through its discovery document), `iss` = Clever's
// issuer, `aud` = our client ID, `exp`. The app sends no nonce: Clever gives
// Library logins no id_token, and a nonce sent obliges the OAuth library to
// demand one (so every Library login would fail); the state check already
// binds each code to the browser that asked for it, and the id_token comes
// straight from Clever's token endpoint. A nonce claim we did not ask for is
// refused.
import "server-only";
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify } from "jose";
import { z } from "zod";
import { CLEVER_LIMITS, type CleverIdTokenClaims, cleverIdTokenClaimsSchema, readBody } from "@/lib/clever";
import { CleverLoginError } from "./errors";

/** Clever's issuer: the origin of its OAuth server (https://clever.com). */
export function cleverIssuer(oauthUrl: string): string {
  return new URL(oauthUrl).origin;
}

const DISCOVERY_TIMEOUT_MS = 5_000;
/** Clock difference tolerated on `exp`/`iat`. */
const CLOCK_TOLERANCE_S = 30;

const discoverySchema = z.looseObject({ issuer: z.string(), jwks_uri: z.url() });

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function unavailable(message: string, details: Record<string, string | number | undefined> = {}): CleverLoginError {
  return new CleverLoginError("clever_unavailable", message, details);
}

/** The issuer's signing keys, found once per process through its discovery
 * document (jose caches the keys and refetches on an unknown `kid`). */
async function keysOf(issuer: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
  const known = keySets.get(issuer);
  if (known) return known;
  let response: Response;
  try {
    response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch {
    throw unavailable("Clever's OpenID discovery document did not answer");
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw unavailable(`Clever's OpenID discovery document answered ${response.status}`, { status: response.status });
  }
  const { text } = await readBody(response, CLEVER_LIMITS.maxBodyBytes, "Clever's discovery document", "/.well-known/openid-configuration");
  let parsed: z.infer<typeof discoverySchema>;
  try {
    parsed = discoverySchema.parse(JSON.parse(text));
  } catch {
    throw new CleverLoginError("malformed_response", "Clever's OpenID discovery document is not usable");
  }
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched from.
  if (parsed.issuer !== issuer) throw new CleverLoginError("misconfiguration", "Clever's discovery document names another issuer");
  // Keys fetched over http would let anyone on the path sign our logins. An
  // https issuer (production: lib/platform/env.ts) demands an https key set.
  if (new URL(issuer).protocol === "https:" && new URL(parsed.jwks_uri).protocol !== "https:") {
    throw new CleverLoginError("misconfiguration", "Clever's discovery document names a key set that is not https");
  }
  const keys = createRemoteJWKSet(new URL(parsed.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
  keySets.set(issuer, keys);
  return keys;
}

/** Verifies an id_token, or fails the login with `id_token_invalid` (forged,
 * expired, another audience or issuer, wrongly signed, unreadable claims). */
export async function verifyIdToken(idToken: string, expected: { issuer: string; clientId: string }): Promise<void> {
  const keys = await keysOf(expected.issuer);
  let nonce: unknown;
  try {
    const { payload } = await jwtVerify(idToken, keys, { issuer: expected.issuer, audience: expected.clientId, algorithms: ["RS256"], clockTolerance: CLOCK_TOLERANCE_S });
    nonce = payload.nonce;
  } catch (error) {
    // What is wrong with the token itself; anything else (keys unreachable,
    // an unreadable key set) is Clever being unavailable, not a forgery.
    const forged =
      error instanceof errors.JWKSNoMatchingKey ||
      error instanceof errors.JWKSMultipleMatchingKeys ||
      error instanceof errors.JWSSignatureVerificationFailed ||
      error instanceof errors.JWSInvalid ||
      error instanceof errors.JWTInvalid ||
      error instanceof errors.JWTExpired ||
      error instanceof errors.JWTClaimValidationFailed ||
      error instanceof errors.JOSEAlgNotAllowed ||
      error instanceof errors.JOSENotSupported;
    if (forged) throw new CleverLoginError("id_token_invalid", "Clever's id_token did not verify", { code: error.code });
    throw unavailable("Clever's signing keys could not be read", error instanceof errors.JOSEError ? { code: error.code } : {});
  }
  // We send no nonce, so a token carrying one was minted for another request.
  if (nonce !== undefined) throw new CleverLoginError("id_token_invalid", "Clever's id_token carries a nonce this app never sent", { code: "unexpected_nonce" });
}

/** The claims of an id_token that verifyIdToken accepted. */
export function idTokenClaims(idToken: string): CleverIdTokenClaims {
  const parsed = cleverIdTokenClaimsSchema.safeParse(decodeJwt(idToken));
  if (!parsed.success) throw new CleverLoginError("id_token_invalid", "Clever's id_token lacks the claims Clever documents");
  return parsed.data;
}
