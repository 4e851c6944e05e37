// JSON Schema of GET /userinfo, derived from the example in Clever's docs
// ("The /userinfo Endpoint"): Clever publishes no Swagger definition for it.
// Closed (no other fields) so the sandbox cannot drift from the example.
export const USERINFO_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: [
    "sub",
    "user_id",
    "multi_role_user_id",
    "user_type",
    "name",
    "schools",
    "given_name",
    "family_name",
    "email_verified",
    "authorized_by",
  ],
  properties: {
    sub: { type: "string", pattern: "^[0-9a-f]{24}$" },
    user_id: { type: "string", pattern: "^[0-9a-f]{24}$" },
    multi_role_user_id: { type: "string", pattern: "^[0-9a-f]{24}$" },
    // As Clever's OIDC and OAuth pages list them: school staff are "staff".
    user_type: { enum: ["teacher", "student", "district_admin", "staff"] },
    // Both or neither: Library users carry no district fields.
    district_id: { type: "string", pattern: "^[0-9a-f]{24}$" },
    district: { type: "string", pattern: "^[0-9a-f]{24}$" },
    email: { type: "string", minLength: 1 },
    name: {
      type: "object",
      additionalProperties: false,
      required: ["first", "middle", "last"],
      properties: { first: { type: "string" }, middle: { type: "string" }, last: { type: "string" } },
    },
    schools: { type: "array", items: { type: "string", pattern: "^[0-9a-f]{24}$" } },
    given_name: { type: "string" },
    family_name: { type: "string" },
    email_verified: { type: "boolean" },
    authorized_by: { enum: ["district", "teacher"] },
  },
  dependentRequired: { district_id: ["district"], district: ["district_id"] },
} as const;
