/**
 * Loads a spec from a YAML or JSON file and validates it. Problems carry the line and
 * column of the offending node where the source is YAML or JSON text.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { SpecValidationError, type SpecProblem } from "./problems";
import type { PlatformSpec } from "./schema";
import { validateSpec } from "./validate";

/** The outcome of loading a spec file. */
export type SpecLoad =
  | { readonly ok: true; readonly spec: PlatformSpec; readonly source: string; readonly warnings: readonly SpecProblem[] }
  | { readonly ok: false; readonly problems: readonly SpecProblem[]; readonly source: string };

const EXTENSIONS = [".yaml", ".yml", ".json"];

/** Reads and validates a spec file, collecting every problem. Never throws for a user mistake. */
export function loadSpecFile(path: string): SpecLoad {
  const ext = extname(path).toLowerCase();
  if (!EXTENSIONS.includes(ext)) {
    return { ok: false, source: path, problems: [{ path: "(file)", message: `"${path}" is not a spec file; use a .yaml, .yml or .json file` }] };
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? String(err)})`;
    return { ok: false, source: path, problems: [{ path: "(file)", message: `"${path}" ${why}` }] };
  }
  return loadSpecText(text, path);
}

/** Parses and validates spec text (YAML, of which JSON is a subset). */
export function loadSpecText(text: string, source = "spec"): SpecLoad {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { path: "(file)", message: e.message.split("\n")[0] ?? e.message, line: pos.line, column: pos.col };
    });
    return { ok: false, source, problems };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = validateSpec(data);
  if (result.ok) return { ok: true, spec: result.spec, source, warnings: result.warnings.map((p) => locate(p, doc, lineCounter)) };
  return { ok: false, source, problems: result.problems.map((p) => locate(p, doc, lineCounter)) };
}

/** Loads a spec file and returns it, or throws a `SpecValidationError` with every problem. */
export function readSpecFile(path: string): PlatformSpec {
  const result = loadSpecFile(path);
  if (!result.ok) throw new SpecValidationError(result.problems, result.source);
  return result.spec;
}

/** Adds the line and column of the deepest node on the problem's path. */
function locate(problem: SpecProblem, doc: Document, lines: LineCounter): SpecProblem {
  const segments = parsePath(problem.path);
  let node: unknown = doc.contents;
  let found: unknown = node;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      node = pair.value ?? pair.key;
      found = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (!node) break;
      found = node;
    } else {
      break;
    }
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  if (!range) return problem;
  const pos = lines.linePos(range[0]);
  return { ...problem, line: pos.line, column: pos.col };
}

function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const m of path.matchAll(re)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}
