import { readFileSync } from "node:fs";
import { SPEC_SCHEMA_PATH, specJsonSchema, specJsonSchemaText } from "../../lib/spec/json-schema";

describe("the shipped JSON Schema", () => {
  const schema = specJsonSchema() as {
    required?: string[];
    additionalProperties?: boolean;
    properties: Record<string, { description?: string }>;
  };

  test("is the schema generated from the spec types (run `npm run schema` after changing them)", () => {
    expect(readFileSync(SPEC_SCHEMA_PATH, "utf8")).toBe(specJsonSchemaText());
  });

  test("requires exactly name, residency and targets", () => {
    expect([...(schema.required ?? [])].sort()).toEqual(["name", "residency", "targets"]);
  });

  test("rejects unknown keys, like the validator", () => {
    expect(schema.additionalProperties).toBe(false);
  });

  test("describes every top-level field for editor completion", () => {
    const undocumented = Object.entries(schema.properties).filter(([, p]) => !p.description).map(([k]) => k);
    expect(undocumented).toEqual([]);
  });
});
