// Structured JSON logs (pino). Secrets are redacted by pattern wherever they
// appear: under a secret-looking key at any depth, and inside any string (the
// message, error messages and stacks, URLs, headers quoted in text). Never
// log them on purpose either.
import "server-only";
import { randomBytes } from "node:crypto";
import pino from "pino";

const REDACTED = "[redacted]";
/** Deeper values are printed as "[Object]"/"[Array]", never unredacted. */
const MAX_DEPTH = 8;

/* ---- keys ---------------------------------------------------------------- */

/** A key is compared lowercased with separators dropped: "X-Api-Key" is "xapikey". */
const normalise = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

// Anywhere in the key: "accessToken", "CLEVER_CLIENT_SECRET", "set-cookie",
// "authjs.session-token", "TOKEN_ENCRYPTION_KEYS", "code_verifier".
const secretKeyPart = /token|secret|passw(?:or)?d|passphrase|authori[sz]ation|cookie|ciphertext|credential|apikey|privatekey|signature|verifier|assertion|bearer|jwt|connectionstring|databaseurl/;
// The whole last dotted part of the key ("authjs.state" is "state"): words
// that are secret alone but common inside harmless keys ("stateId", "keyId").
const secretKeyWhole = /^(?:(?:oauth|auth|csrf|expected|returned|received)?state|nonce|pin|otp|dsn|keys?|(?:api|private|secret|encryption|signing|master|access|session|client)keys?|(?:oauth|auth|grant|device|user)code)$/;

const lastPart = (key: string) => normalise(key.slice(key.lastIndexOf(".") + 1));

function isSecretKey(key: string): boolean {
  return secretKeyPart.test(normalise(key)) || secretKeyWhole.test(lastPart(key));
}

/** `code` is both the OAuth authorization code (secret) and the failure code
 * support needs ("state_mismatch", "ECONNREFUSED", "P2002"): see isFailureCode. */
const isCodeKey = (key: string) => lastPart(key) === "code";

/** Failure codes are words: "token_exchange_failed", "OAUTH_RESPONSE_BODY_ERROR",
 * "CredentialsSignin", "debug-enabled", or short single-case parts ("P2002",
 * "57P01", "HTTP2"). An OAuth code is random (Clever's: 40 hex characters), so
 * it has a long part mixing digits and letters, or a camel-case part with a
 * lone lowercase letter ("aB3…", "fqXz…"): that is refused. */
function isFailureCode(value: unknown): boolean {
  if (typeof value === "number") return true;
  if (typeof value !== "string" || value.length === 0 || value.length > 64 || !/^[\w.:-]+$/.test(value)) return false;
  return value.split(/[_.:-]/).every(isCodeWord);
}

function isCodeWord(part: string): boolean {
  if (part.length > 32) return false;
  if (part === "" || /^(?:[a-z0-9]{1,6}|[A-Z0-9]{1,6}|[a-z]+|[A-Z]+)$/.test(part)) return true;
  // Mixed case: every lowercase run is a word of two letters or more ("OAuth", "Signin").
  return /^[A-Za-z]+$/.test(part) && !/(?:^|[A-Z])[a-z](?![a-z])/.test(part);
}

/* ---- strings ------------------------------------------------------------- */

/** A query, form or cookie parameter is secret when its name is, or is `code`:
 * in "?code=…" it is the OAuth authorization code. */
function isSecretParam(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A malformed escape: judge the name as written.
  }
  // "cb%3Fcode" decodes to "cb?code": the parameter is what follows the "?".
  const own = decoded.slice(Math.max(...["?", "&", "#", ";", "/", "="].map((separator) => decoded.lastIndexOf(separator))) + 1);
  return isCodeKey(own) || isSecretKey(own);
}

// Only strings that could hold one of the patterns below are scanned.
const mayHoldSecret = /[=:]|eyJ|bearer|basic/i;
// Header lines quoted in text: the whole value to the end of the line.
const headerLine = /\b((?:proxy-)?authorization|set-cookie|cookie|x-api-key|api-key)(\s*:\s*)[^\r\n]+/gi;
// Any Bearer token ("Bearer abc"), but not a challenge's parameters
// (WWW-Authenticate: Bearer error="invalid_token").
const bearer = /\b(bearer)(\s+)(?![\w-]+=")[\w.~+/-]+=*/gi;
// Basic credentials are base64: "Basic information" is prose, left alone.
const basic = /\b([Bb]asic|BASIC)(\s+)(?![a-z]+(?![\w+/=]))[A-Za-z0-9+/]{4,}={0,2}/g;
// "postgres://user:password@host": the password.
const urlPassword = /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/?#]*:)[^\s@/?#]+@/gi;
// JSON quoted in a message (a provider's error body): "access_token":"…".
const jsonStringMember = /"([^"\\]{1,100})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
// name=value in a query, form body or cookie; the lookbehind keeps the name
// whole and the scan linear.
const param = /(?<![\w.%[\]-])([\w.%[\]-]{1,100})=([^&#\s"'<>;,]+)/g;
// The same inside an encoded URL (a redirect_uri carrying ?code=…).
const encodedParam = /(%3F|%26)([\w.-]{1,100})%3D((?:(?!%26|%23)[^&#\s"'<>;,])+)/gi;
// A JWT (three parts) or JWE (five, the second may be empty), header first;
// it starts where a base64url run starts, so the scan stays linear.
const jwtLike = /(?<![\w-])eyJ[\w-]{2,}(?:\.[\w-]*){2,4}/g;

function redactString(text: string): string {
  if (!mayHoldSecret.test(text)) return text;
  return text
    .replace(headerLine, `$1$2${REDACTED}`)
    .replace(bearer, `$1$2${REDACTED}`)
    .replace(basic, `$1$2${REDACTED}`)
    .replace(urlPassword, `$1${REDACTED}@`)
    .replace(jsonStringMember, (match: string, name: string, separator: string, value: string) =>
      (isCodeKey(name) ? !isFailureCode(value) : isSecretKey(name)) ? `"${name}"${separator}"${REDACTED}"` : match,
    )
    .replace(param, (match: string, name: string) => (isSecretParam(name) ? `${name}=${REDACTED}` : match))
    .replace(encodedParam, (match: string, before: string, name: string) => (isSecretParam(name) ? `${before}${name}%3D${REDACTED}` : match))
    .replace(jwtLike, REDACTED);
}

/* ---- values -------------------------------------------------------------- */

/** A redacted copy of `value` as JSON.stringify would see it (own enumerable
 * keys, toJSON honoured), so the line keeps its shape; the caller's objects
 * are never changed. `ancestors` catches cycles without flagging an object
 * that is merely shared. */
function redactValue(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[Array]" : "[Object]";
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return redactArray(value, depth, ancestors);
    const { toJSON } = value as { toJSON?: unknown };
    // URL, Date, Buffer…: what they print is what is checked.
    if (typeof toJSON === "function") {
      const json: unknown = toJSON.call(value);
      return redactValue(json, depth, ancestors);
    }
    return redactRecord(value as Record<string, unknown>, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function redactRecord(record: Record<string, unknown>, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = redactEntry(key, record[key], depth + 1, ancestors);
  return copy;
}

function redactEntry(key: string, value: unknown, depth: number, ancestors: Set<object>): unknown {
  // Absence and flags say nothing secret ("token: null" helps debugging).
  if (value === null || value === undefined || typeof value === "boolean") return value;
  if (isCodeKey(key)) return isFailureCode(value) ? value : REDACTED;
  if (isSecretKey(key)) return REDACTED;
  return redactValue(value, depth, ancestors);
}

function redactArray(array: readonly unknown[], depth: number, ancestors: Set<object>): unknown[] {
  return array.map((item, index) => {
    // Raw header lists and Headers entries: ["Set-Cookie", "sid=…", …].
    const name = index % 2 === 1 ? array[index - 1] : undefined;
    if (typeof item === "string" && typeof name === "string" && /^[\w-]{1,64}$/.test(name) && isSecretKey(name)) return REDACTED;
    return redactValue(item, depth + 1, ancestors);
  });
}

/** A formatter must never throw, and must never let an unredacted value out. */
function safely<T>(redact: () => T, fallback: T): T {
  try {
    return redact();
  } catch {
    return fallback;
  }
}

/** Log fields; `err` is left to the err serializer, which sees the Error itself. */
function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const ancestors = new Set<object>([fields]);
  for (const key of Object.keys(fields)) copy[key] = key === "err" ? fields[key] : redactEntry(key, fields[key], 1, ancestors);
  return copy;
}

function redactError(value: unknown): unknown {
  // pino's own serializer first (type, message, stack with causes, props),
  // so the line keeps its shape; the raw error counts as an ancestor.
  const serialized: unknown = pino.stdSerializers.err(value as Error);
  return redactValue(serialized, 1, new Set(typeof value === "object" && value !== null ? [value] : []));
}

/* ---- the message ---------------------------------------------------------- */

/** pino's interpolation (quick-format-unescaped), done here so the whole
 * message can be redacted: "token=%s" with "abc" is only a secret once joined. */
function interpolate(format: string, values: readonly unknown[]): string {
  let next = 0;
  return format.replace(/%([\s\S])/g, (placeholder: string, type: string) => {
    if (type === "%") return "%";
    // As in pino, any "%x" uses up a value, even one it does not print.
    if (next >= values.length) return placeholder;
    const value = values[next++];
    switch (type) {
      case "s":
        return String(value);
      case "d":
      case "f":
        return value === null || value === undefined ? placeholder : String(Number(value));
      case "i":
        return value === null || value === undefined ? placeholder : String(Math.floor(Number(value)));
      case "j":
      case "o":
      case "O":
        if (value === undefined) return placeholder;
        if (typeof value === "string") return `'${value}'`;
        if (typeof value === "function") return value.name || "<anonymous>";
        return safely(() => JSON.stringify(redactValue(value, 0, new Set())) ?? "", '"[Circular]"');
      default:
        return placeholder;
    }
  });
}

/** The arguments of a log call with the message already formatted and
 * redacted, in the shapes pino accepts: (fields, message?, ...values) or
 * (message, ...values). Fields are left to formatters.log and the err serializer. */
function redactArguments(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (typeof first === "object" && first !== null) {
    const [message, ...values] = rest;
    if (message === undefined && values.length === 0) {
      // pino would take the message from the error, unredacted: give it one.
      const fromError = messageOfError(first);
      return fromError === undefined ? [first] : [first, redactMessage(fromError, [])];
    }
    return [first, redactMessage(message, values)];
  }
  if (first === undefined) return rest.length === 0 ? [] : [redactMessage(rest[0], rest.slice(1))];
  return [redactMessage(first, rest)];
}

function messageOfError(fields: object): unknown {
  if (fields instanceof Error) return fields.message;
  const { msg, err } = fields as { msg?: unknown; err?: unknown };
  if (msg !== undefined || typeof err !== "object" || err === null) return undefined;
  return (err as { message?: unknown }).message;
}

function redactMessage(message: unknown, values: readonly unknown[]): unknown {
  return safely(
    () => (typeof message === "string" ? redactString(values.length > 0 ? interpolate(message, values) : message) : redactValue(message, 0, new Set())),
    REDACTED,
  );
}

/* ---- the logger ------------------------------------------------------------ */

// pino writes a child's bindings (log.child({...})) without formatters or
// hooks; only per-key serializers see them. So the common secret names are
// redacted there too, and bindings must hold nothing secret under other names.
const bindingSecretNames = ["token", "accessToken", "access_token", "refreshToken", "refresh_token", "idToken", "id_token", "sessionToken", "secret", "clientSecret", "client_secret", "password", "authorization", "Authorization", "cookie", "Cookie", "apiKey", "api_key", "ciphertext", "state"];
const bindingSerializers = Object.fromEntries(bindingSecretNames.map((name) => [name, (value: unknown) => redactEntry(name, value, 1, new Set())]));

/** The app's logger; `destination` lets tests capture what it writes. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "clever-classroom" },
      // pino's documented hooks, each covering what the others do not see.
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactArguments(args) as Parameters<pino.LogFn>);
        },
      },
      formatters: {
        // The root logger's bindings (base); a child's skip this (see above).
        bindings: (bindings) => safely(() => redactRecord(bindings, 0, new Set([bindings])), { redaction: "failed" }),
        log: (fields) => safely(() => redactFields(fields), { redaction: "failed" }),
      },
      serializers: { ...bindingSerializers, err: (value: unknown) => safely(() => redactError(value), REDACTED) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();

/** A short reference a person can read out to support ("ERR-7F3K2Q"), also
 * written to the log line that holds the details. No 0/O or 1/I confusion. */
export function newReference(prefix = "ERR"): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(6);
  return `${prefix}-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")}`;
}
