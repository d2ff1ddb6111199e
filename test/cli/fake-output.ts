import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes an output of the same shape as cdktf's (a manifest and one stack directory) holding `label`. */
export function writeFakeOutput(dir: string, label: string): void {
  mkdirSync(join(dir, "stacks", "demo"), { recursive: true });
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({ version: "0.21.0", stacks: { demo: { name: "demo", synthesizedStackPath: "stacks/demo/cdk.tf.json", workingDirectory: "stacks/demo" } } }),
  );
  writeFileSync(join(dir, "stacks", "demo", "cdk.tf.json"), JSON.stringify({ label }));
}

/**
 * The label of the complete output at `dir`, read the way Terraform and `check` read it
 * (through links), or why it is not a complete output.
 */
export function outputLabel(dir: string): string {
  if (!existsSync(dir)) return "(no output)";
  if (readdirSync(dir).length === 0) return "(empty directory)";
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const labels = Object.values(manifest.stacks).map((s) => (JSON.parse(readFileSync(join(dir, s.synthesizedStackPath), "utf8")) as { label: string }).label);
  return labels.length === 1 ? labels[0]! : `(incomplete: ${labels.length} stacks)`;
}

/** Entries of a directory, sorted, with `->` for links. */
export function entries(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((e) => (lstatSync(join(dir, e)).isSymbolicLink() ? `${e} ->` : e));
}
