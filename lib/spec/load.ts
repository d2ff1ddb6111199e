/**
 * Loads a spec from a YAML or JSON file and validates it. Problems carry the line and
 * column of the offending node where the source is YAML or JSON text.
 *
 * Hostile input is refused before it costs much: only a regular file is read (never a
 * FIFO or a device such as /dev/zero, and a FIFO is not even waited on), at most
 * `MAX_SPEC_BYTES`; YAML aliases are limited (an alias bomb expands exponentially),
 * nesting too, and `__proto__` is refused as a key (JavaScript would drop it silently).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Pair } from "yaml";
import { describeIoError } from "../cli/errors";
import { SpecValidationError, type SpecProblem } from "./problems";
import type { PlatformSpec } from "./schema";
import { validateSpec } from "./validate";

/** The outcome of loading a spec file. */
export type SpecLoad =
  | { readonly ok: true; readonly spec: PlatformSpec; readonly source: string; readonly warnings: readonly SpecProblem[] }
  | { readonly ok: false; readonly problems: readonly SpecProblem[]; readonly source: string };

const EXTENSIONS = [".yaml", ".yml", ".json"];

/** The largest spec file read: 4 MiB (a spec with 500 teams is about 0.5 MiB). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
/** The most YAML alias expansions in one spec (the yaml library's `maxAliasCount`). */
export const MAX_YAML_ALIASES = 100;
/** The deepest nesting of mappings and lists (the spec itself needs 6). */
export const MAX_NESTING = 32;

/** Keys that JavaScript objects treat specially: they would be dropped or change the object. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__"]);

function fileProblem(path: string, message: string): SpecLoad {
  return { ok: false, source: path, problems: [{ path: "(file)", message }] };
}

/** Reads a regular file of at most `MAX_SPEC_BYTES`; anything else is a message. */
function readSpecBytes(path: string): { text: string } | { problem: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    return { problem: describeIoError(err, "read", path) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { problem: `"${path}" is a directory; name the spec file` };
    if (!st.isFile()) return { problem: `"${path}" is not a regular file (a FIFO, socket or device); name the spec file itself` };
    if (st.size > MAX_SPEC_BYTES) return { problem: `"${path}" has ${st.size} bytes; a spec may have at most ${MAX_SPEC_BYTES} (4 MiB)` };
    const buf = Buffer.alloc(Math.min(st.size, MAX_SPEC_BYTES) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n >= buf.length) return { problem: `"${path}" grew past ${MAX_SPEC_BYTES} bytes while being read; a spec may have at most ${MAX_SPEC_BYTES} (4 MiB)` };
    }
    return { text: buf.subarray(0, n).toString("utf8") };
  } catch (err) {
    return { problem: describeIoError(err, "read", path) };
  } finally {
    closeSync(fd);
  }
}

/** Reads and validates a spec file, collecting every problem. Never throws for a user mistake. */
export function loadSpecFile(path: string): SpecLoad {
  const ext = extname(path).toLowerCase();
  if (!EXTENSIONS.includes(ext)) return fileProblem(path, `"${path}" is not a spec file; use a .yaml, .yml or .json file`);
  const read = readSpecBytes(path);
  if ("problem" in read) return fileProblem(path, read.problem);
  return loadSpecText(read.text, path);
}

/** Parses and validates spec text (YAML, of which JSON is a subset). */
export function loadSpecText(text: string, source = "spec"): SpecLoad {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { path: "(file)", message: e.message.split("\n")[0] ?? e.message, line: pos.line, column: pos.col };
    });
    return { ok: false, source, problems };
  }
  const shape = shapeProblems(doc, lineCounter);
  if (shape.length > 0) return { ok: false, source, problems: shape };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const excessive = err instanceof ReferenceError && /alias/i.test(err.message);
    const message = excessive
      ? `expands YAML aliases (*name) too often (more than ${MAX_YAML_ALIASES}): an alias bomb; write the values out instead of nesting aliases`
      : `cannot be read as data: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, source, problems: [{ path: "(file)", message }] };
  }
  const result = validateSpec(data);
  const locator = new Locator(doc, lineCounter);
  if (result.ok) return { ok: true, spec: result.spec, source, warnings: result.warnings.map((p) => locator.locate(p)) };
  return { ok: false, source, problems: result.problems.map((p) => locator.locate(p)) };
}

/**
 * Problems of shape, before the document becomes data: nesting deeper than `MAX_NESTING`
 * and keys JavaScript would drop. Iterative, so a deeply nested document cannot
 * overflow the stack here.
 */
function shapeProblems(doc: Document, lines: LineCounter): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const at = (node: unknown): { line?: number; column?: number } => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return {};
    const pos = lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: doc.contents, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_NESTING) {
      problems.push({ path: path || "(spec)", message: `nests mappings and lists more than ${MAX_NESTING} deep; a spec needs at most 6 levels`, ...at(node) });
      continue;
    }
    if (isMap(node)) {
      // Duplicate keys are found here, with a set per mapping: the yaml library's own
      // check (uniqueKeys) compares every key with every other, minutes for 80,000 keys.
      const seen = new Map<unknown, unknown>();
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = typeof key === "string" ? key : String(key);
        const child = path ? `${path}.${name}` : name;
        const first = seen.get(key);
        if (first !== undefined) {
          const line = at(first).line;
          problems.push({ path: child, message: `duplicate key "${name}"${line === undefined ? "" : ` (first on line ${line})`}; keep one`, ...at(pair.key) });
        } else {
          seen.set(key, pair.key);
        }
        if (typeof key === "string" && FORBIDDEN_KEYS.has(key)) {
          problems.push({ path: child, message: `"${key}" is not allowed as a key (JavaScript would treat it as the object's prototype); rename it`, ...at(pair.key) });
        }
        if (!isAlias(pair.value)) stack.push({ node: pair.value, depth: depth + 1, path: child });
      }
    } else {
      node.items.forEach((item, i) => {
        if (!isAlias(item)) stack.push({ node: item, depth: depth + 1, path: `${path}[${i}]` });
      });
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Loads a spec file and returns it, or throws a `SpecValidationError` with every problem. */
export function readSpecFile(path: string): PlatformSpec {
  const result = loadSpecFile(path);
  if (!result.ok) throw new SpecValidationError(result.problems, result.source);
  return result.spec;
}

/**
 * Adds the line and column of the deepest node on a problem's path. Each mapping's keys
 * are indexed once, so locating every problem of a spec is linear in its size (80,000
 * unknown keys take well under a second).
 */
class Locator {
  private readonly keys = new WeakMap<object, Map<unknown, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private pairOf(map: { items: Pair[] }, key: string | number): Pair | undefined {
    let index = this.keys.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!index.has(k)) index.set(k, pair);
      }
      this.keys.set(map, index);
    }
    return index.get(key) ?? (typeof key === "number" ? index.get(String(key)) : undefined);
  }

  locate(problem: SpecProblem): SpecProblem {
    let node: unknown = this.doc.contents;
    let found: unknown = node;
    for (const seg of parsePath(problem.path)) {
      if (isMap(node)) {
        const pair = this.pairOf(node as { items: Pair[] }, seg);
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
    const pos = this.lines.linePos(range[0]);
    return { ...problem, line: pos.line, column: pos.col };
  }
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
