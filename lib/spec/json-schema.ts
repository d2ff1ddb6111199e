/**
 * The JSON Schema of the spec, generated from the same zod schema that types and
 * validates it. The project ships it as `schema/platform-spec.schema.json`; a test keeps
 * the shipped file equal to what this function generates.
 */
import { z } from "zod";
import { PlatformSpecSchema } from "./schema";

/** Where the shipped schema lives, relative to the package root. */
export const SPEC_SCHEMA_PATH = "schema/platform-spec.schema.json";

/** The spec's JSON Schema (draft 2020-12) as an object, describing what a user may write. */
export function specJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlatformSpecSchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
}

/** The schema as formatted JSON text with a trailing newline. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
