// Clever's Swagger 2.0 definitions (clever-api/v2.0.yml … v3.1.yml and the
// Events API's v2.1-events.yml, v3.0-events.yml, v3.1-events.yml, copied
// unchanged from Clever/swagger-api) as JSON Schema for ajv.
//
// Conversion rules: `$ref: '#/definitions/X'` stays a ref; `x-nullable: true`
// allows null (absence is always allowed: Swagger properties are optional
// unless listed in `required`, and Clever lists none); enums are kept (plus
// null when nullable); `format: datetime` is checked as ISO 8601; other `x-*`
// keys are dropped. `additionalProperties: {type: object}` (only the events'
// `previous_attributes` use it) accepts any value: it maps each changed field
// to its prior value, and most prior values (a grade, a name string) are
// scalars; Clever's generated clients read it as a map of anything.
import { readFileSync } from "node:fs";
import AjvModule, { type ValidateFunction } from "ajv";
import { parse } from "yaml";

export type SwaggerVersion = "v2.0" | "v2.1" | "v3.0" | "v3.1" | "v2.1-events" | "v3.0-events" | "v3.1-events";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function loadSwagger(version: SwaggerVersion): JsonObject {
  const text = readFileSync(new URL(`./clever-api/${version}.yml`, import.meta.url), "utf8");
  const doc = parse(text) as Json;
  if (!isObject(doc)) throw new Error(`${version}.yml is not a Swagger document`);
  return doc;
}

const propertyCache = new Map<string, Set<string>>();
/** The property names a definition declares (e.g. which fields a v3.0 Teacher role may carry). */
export function definitionProperties(version: SwaggerVersion, definition: string): Set<string> {
  const key = `${version} ${definition}`;
  let props = propertyCache.get(key);
  if (!props) {
    const defs = loadSwagger(version).definitions;
    const def = isObject(defs) ? defs[definition] : undefined;
    const properties = isObject(def) ? def.properties : undefined;
    props = new Set(isObject(properties) ? Object.keys(properties) : []);
    propertyCache.set(key, props);
  }
  return props;
}

export interface ConvertOptions {
  /**
   * Reject properties a definition does not declare (entity definitions
   * only, not envelopes or error bodies). Clever's spec does not forbid extra fields; the sandbox's own
   * tests use this to catch misspelled fixture fields.
   */
  closed?: boolean;
}

/**
 * Envelopes and error bodies stay open: Clever adds `uri` to list items and
 * `error` to errors. So does `Event`, the base every event type extends
 * (`allOf` with `data` and `previous_attributes`: a closed base would refuse them).
 */
const OPEN_DEFINITIONS = /Response$|^(BadRequest|NotFound|InternalError|Event)$/;

function convert(node: Json, options: ConvertOptions, name?: string): Json {
  if (!isObject(node)) return node;
  const nullable = node["x-nullable"] === true;
  let out: JsonObject;
  if (typeof node.$ref === "string") {
    out = { $ref: node.$ref };
    return nullable ? { anyOf: [out, { type: "null" }] } : out;
  }
  out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || key === "description" || key === "example") continue;
    if (key === "properties" && isObject(value)) {
      const props: JsonObject = {};
      for (const [p, schema] of Object.entries(value)) props[p] = convert(schema, options);
      out.properties = props;
    } else if (key === "items") {
      out.items = convert(value, options);
    } else if (key === "additionalProperties") {
      out.additionalProperties = true;
    } else if (key === "allOf" && Array.isArray(value)) {
      out.allOf = value.map((member) => convert(member, options));
    } else {
      out[key] = value;
    }
  }
  if (options.closed && name !== undefined && !OPEN_DEFINITIONS.test(name) && isObject(out.properties)) {
    out.additionalProperties = false;
  }
  if (nullable) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

/** JSON Schema `definitions` converted from a Swagger document. */
export function jsonSchemaDefinitions(doc: JsonObject, options: ConvertOptions = {}): JsonObject {
  const defs = doc.definitions;
  if (!isObject(defs)) throw new Error("Swagger document has no definitions");
  const out: JsonObject = {};
  for (const [name, schema] of Object.entries(defs)) out[name] = convert(schema, options, name);
  return out;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// ajv is CommonJS: under ESM interop the default import may be the module object.
type AjvClass = typeof AjvModule;
const Ajv: AjvClass =
  (AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule;

export interface DefinitionValidator {
  /** Error text, or null when `value` validates against the named definition. */
  check(definition: string, value: unknown): string | null;
  definitions: string[];
}

export function definitionValidator(version: SwaggerVersion, options: ConvertOptions = {}): DefinitionValidator {
  const definitions = jsonSchemaDefinitions(loadSwagger(version), options);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("datetime", ISO_DATETIME);
  // v3 District.launch_date: "YYYY-MM-DD" (Clever's docs).
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addSchema({ $id: "clever", definitions });
  const cache = new Map<string, ValidateFunction>();
  return {
    definitions: Object.keys(definitions),
    check(definition, value) {
      let validate = cache.get(definition);
      if (!validate) {
        if (!(definition in definitions)) throw new Error(`unknown definition ${definition}`);
        validate = ajv.compile({ $ref: `clever#/definitions/${definition}` });
        cache.set(definition, validate);
      }
      if (validate(value)) return null;
      return ajv.errorsText(validate.errors, { dataVar: definition });
    },
  };
}
