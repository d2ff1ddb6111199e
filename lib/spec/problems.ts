/** One thing wrong with a spec: where, and what to do about it. */
export interface SpecProblem {
  /** Path into the spec, e.g. `gpuPools[1].gpusPerNode`; `(spec)` for the whole document. */
  readonly path: string;
  /** What is wrong, naming the bad value and what is allowed. */
  readonly message: string;
  /** Where it is in the source file, when known (1-based). */
  readonly line?: number;
  readonly column?: number;
}

/** Thrown by the library's entry points when a spec is invalid. Carries every problem. */
export class SpecValidationError extends Error {
  public readonly problems: readonly SpecProblem[];
  public readonly source?: string;

  constructor(problems: readonly SpecProblem[], source?: string) {
    super(formatProblems(problems, source));
    this.name = "SpecValidationError";
    this.problems = problems;
    this.source = source;
  }
}

/** Formats problems one per line: `file:line:col: path: message`. */
export function formatProblems(problems: readonly SpecProblem[], source?: string): string {
  const head = `${source ?? "spec"}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  const lines = problems.map((p) => {
    const where = source && p.line !== undefined ? `${source}:${p.line}:${p.column ?? 1}: ` : "";
    return `  ${where}${p.path}: ${p.message}`;
  });
  return [head, ...lines].join("\n");
}

/** Renders a path of keys and indices as `teams[2].members.admins.aws[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || "(spec)";
}

/** A short rendering of a user's value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return "an object";
}

/** Formats warnings one per line: `file:line:col: warning: path: message`. */
export function formatWarnings(warnings: readonly SpecProblem[], source?: string): string[] {
  return warnings.map((p) => {
    const where = source && p.line !== undefined ? `${source}:${p.line}:${p.column ?? 1}: ` : source ? `${source}: ` : "";
    return `${where}warning: ${p.path}: ${p.message}`;
  });
}
