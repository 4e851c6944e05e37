// Per-app OpenID Connect: the discovery document, the JWKS and RS256
// id_tokens (key pair made at startup), plus forged tokens for fault tests.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { SignJWT } from "jose";

export const ID_TOKEN_FORGERIES = ["bad_signature", "expired", "wrong_audience", "wrong_issuer", "wrong_nonce", "unsigned"] as const;
export type IdTokenForgery = (typeof ID_TOKEN_FORGERIES)[number];

/** Clever's id_tokens live one hour. */
const ID_TOKEN_TTL_S = 60 * 60;

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function rsaKeyPair(): KeyPair {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export class Oidc {
  private readonly keys = rsaKeyPair();
  /** Signs bad_signature forgeries: same kid, a key nobody published. Made on first use. */
  private rogue: KeyPair | undefined;
  readonly kid: string;
  /** The `iss` of id_tokens; set once the server knows its URL (or from the issuer option). */
  issuer = "";

  constructor() {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    this.kid = createHash("sha256").update(String(jwk.n)).digest("base64url").slice(0, 16);
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [{ ...this.keys.publicKey.export({ format: "jwk" }), kid: this.kid, alg: "RS256", use: "sig" }] };
  }

  /** `base` is where the app reaches the sandbox (its endpoints); `issuer` may differ. */
  discovery(base: string): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/tokens`,
      userinfo_endpoint: `${base}/userinfo`,
      // Clever publishes its keys at /oauth/certs (CLEVER-TODAY.md).
      jwks_uri: `${base}/oauth/certs`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
      claims_supported: [
        "iss", "aud", "sub", "iat", "exp", "nonce", "user_id", "user_type", "district",
        "multi_role_user_id", "email", "email_verified", "given_name", "family_name",
      ],
    };
  }

  /** An id_token for `audience` at `nowMs` (sandbox clock), or a forgery of one. */
  async idToken(
    claims: Record<string, unknown>,
    opts: { audience: string; nonce?: string; nowMs: number; forgery?: IdTokenForgery },
  ): Promise<string> {
    const { forgery } = opts;
    const iat = Math.floor(opts.nowMs / 1000) - (forgery === "expired" ? 2 * ID_TOKEN_TTL_S : 0);
    const payload: Record<string, unknown> = {
      ...claims,
      iss: forgery === "wrong_issuer" ? "https://issuer.invalid" : this.issuer,
      aud: forgery === "wrong_audience" ? "some-other-client-id" : opts.audience,
      iat,
      exp: iat + ID_TOKEN_TTL_S,
    };
    if (opts.nonce !== undefined) payload.nonce = forgery === "wrong_nonce" ? randomBytes(8).toString("hex") : opts.nonce;
    else if (forgery === "wrong_nonce") payload.nonce = randomBytes(8).toString("hex");
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];

    if (forgery === "unsigned") return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`;
    let key = this.keys.privateKey;
    if (forgery === "bad_signature") {
      this.rogue ??= rsaKeyPair();
      key = this.rogue.privateKey;
    }
    return new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.kid }).sign(key);
  }
}
