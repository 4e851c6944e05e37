// Property-based: Clever payloads generated from Clever's own definitions
// (shared/clever-api/v2.0.yml). Every body the definitions allow must parse;
// every body that breaks a field's declared type must be rejected cleanly
// (a zod error, never a crash or a silently accepted wrong type).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  cleverDistrictSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverStudentSchema,
  cleverTeacherSchema,
  listEnvelope,
  singleEnvelope,
} from "@/lib/clever/schemas";
import { definitionValidator, jsonSchemaDefinitions, loadSwagger } from "@/sandbox/swagger-schema";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

const definitions = jsonSchemaDefinitions(loadSwagger("v2.0")) as Record<string, JsonSchema>;
const validator = definitionValidator("v2.0");

const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const text = fc.oneof(fc.string(), fc.constantFrom("Ñandú é", "عائشة", "שָׁלוֹם", "O'Brien", "🦊 Fox", "é".normalize("NFD")));
const cleverIdArb = fc.stringMatching(/^[0-9a-f]{24}$/);

/** The definitions type these as plain string lists; Clever fills them with
 * object IDs, and an empty ID is malformed (the app rejects it), so they are
 * generated as IDs. */
const idListFields = new Set(["teachers", "students", "schools"]);

/** A fast-check arbitrary for any value the JSON Schema allows. */
function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryFor(definitions[schema.$ref.replace("#/definitions/", "")] ?? {}, depth + 1);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(s, depth)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ["object"];
  const options = types.map((type): fc.Arbitrary<unknown> => {
    if (type === "null") return fc.constant(null);
    if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
    switch (type) {
      case "string":
        if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
        return schema.format === "datetime" ? isoDate : text;
      case "number":
      case "integer":
        return fc.integer();
      case "boolean":
        return fc.boolean();
      case "array":
        return fc.array(schema.items ? arbitraryFor(schema.items, depth + 1) : fc.string(), { maxLength: depth > 2 ? 0 : 4 });
      default: {
        const properties = schema.properties ?? {};
        if (depth > 3) return fc.constant({});
        const shape = Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, idListFields.has(key) ? fc.array(cleverIdArb, { maxLength: 4 }) : arbitraryFor(value, depth + 1)]),
        );
        return fc.record(shape, { requiredKeys: [] });
      }
    }
  });
  return options.length === 1 ? options[0]! : fc.oneof(...options);
}

/** An entity as Clever sends it: the definition's fields, an `id`, and maybe
 * fields the definitions do not know yet. */
function entity(name: string) {
  return fc
    .tuple(arbitraryFor({ $ref: `#/definitions/${name}` }), cleverIdArb, fc.dictionary(fc.constantFrom("ext", "x_future_field", "nickname"), fc.jsonValue(), { maxKeys: 2 }))
    .map(([body, id, extra]) => ({ ...extra, ...(body as object), id }));
}

const cases: [string, z.ZodType][] = [
  ["Section", cleverSectionSchema],
  ["Teacher", cleverTeacherSchema],
  ["Student", cleverStudentSchema],
  ["School", cleverSchoolSchema],
  ["District", cleverDistrictSchema],
];

/** A value whose JSON type differs from every type the field allows. */
function wrongTypeFor(schema: JsonSchema): unknown {
  const resolved = schema.$ref ? (definitions[schema.$ref.replace("#/definitions/", "")] ?? {}) : schema;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type ?? "object"];
  if (types.includes("string")) return 12345;
  if (types.includes("array")) return "not-a-list";
  return 7;
}

describe("Clever payloads generated from Clever's definitions", () => {
  it.each(cases)("every valid %s is accepted, with unknown extra fields", (name, schema) => {
    fc.assert(
      fc.property(entity(name), (body) => {
        expect(validator.check(name, body)).toBeNull();
        expect(schema.safeParse(body).success).toBe(true);
        expect(singleEnvelope(schema).safeParse({ data: body, links: [{ rel: "self", uri: "/v2.0/x" }] }).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it.each(cases)("a %s with a field of the wrong type is rejected cleanly", (name, schema) => {
    const properties = definitions[name]?.properties ?? {};
    const shape = (schema as unknown as { shape: Record<string, unknown> }).shape;
    const modelled = Object.keys(properties).filter((key) => key in shape);
    expect(modelled.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(entity(name), fc.constantFrom(...modelled), (body, key) => {
        const broken = { ...body, [key]: wrongTypeFor(properties[key]!) };
        expect(validator.check(name, broken)).not.toBeNull();
        const result = schema.safeParse(broken);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.path[0]).toBe(key);
      }),
      { numRuns: 150 },
    );
  });

  it("rejects bodies that are not objects, lack an id, or are truncated lists", () => {
    for (const [, schema] of cases) {
      for (const bad of [null, "", 42, [], { name: "no id" }, { id: "" }]) expect(schema.safeParse(bad).success).toBe(false);
    }
    expect(listEnvelope(cleverSectionSchema).safeParse({ data: [{ uri: "/v2.0/sections/x" }] }).success).toBe(false);
    expect(listEnvelope(cleverSectionSchema).safeParse({ data: "truncated" }).success).toBe(false);
  });
});
