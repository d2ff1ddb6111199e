/**
 * The API reference (`docs/api/`, one Markdown page per entry point), generated from the
 * TSDoc of the compiled declarations: API Extractor builds a doc model per entry point
 * (signatures and parsed TSDoc), and each page lists every export with its signature,
 * summary, remarks, defaults and members.
 *
 *   npm run api-docs            rebuild the declarations and rewrite docs/api/
 *   npm run api-docs -- --check generate into a temporary directory and fail if docs/api/
 *                               differs (run by `npm test`)
 *
 * The declarations come from `tsc -p tsconfig.build.json --emitDeclarationOnly` into a
 * temporary directory, so the check works without a build and never touches dist/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";
import { ApiDocumentedItem, ApiDeclaredItem, ApiItemKind, ApiModel, type ApiItem } from "@microsoft/api-extractor-model";
import { DocNodeKind, StandardTags, type DocNode, type DocSection } from "@microsoft/tsdoc";

const ROOT = resolve(__dirname, "..");
export const API_DOCS_DIR = join(ROOT, "docs", "api");

/** Entry points of the package (package.json `exports`), by the name their page gets. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  "ai-platform-cdktf": "lib/index.d.ts",
  "ai-platform-cdktf-aws": "lib/aws/index.d.ts",
  "ai-platform-cdktf-gcp": "lib/gcp/index.d.ts",
  "ai-platform-cdktf-k8s": "lib/k8s/index.d.ts",
  "ai-platform-cdktf-compliance": "lib/compliance/index.d.ts",
  "ai-platform-cdktf-spec": "lib/spec/index.d.ts",
};

/** Generates the Markdown reference into `outDir` (emptied first). */
export function generateApiDocs(outDir: string): void {
  const work = mkdtempSync(join(tmpdir(), "aip-api-docs-"));
  try {
    const types = join(work, "types");
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--emitDeclarationOnly", "--declaration", "--outDir", types],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const models = join(work, "models");
    mkdirSync(models);
    for (const [name, entry] of Object.entries(ENTRY_POINTS)) {
      const config = ExtractorConfig.prepare({
        configObject: {
          projectFolder: ROOT,
          mainEntryPointFilePath: join(types, entry),
          compiler: {
            overrideTsconfig: {
              compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "nodenext", moduleResolution: "nodenext", types: ["node"], strict: true, skipLibCheck: true },
              include: [join(types, "**", "*.d.ts")],
            },
          },
          apiReport: { enabled: false },
          docModel: { enabled: true, apiJsonFilePath: join(models, `${name}.api.json`) },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            // Documentation-quality warnings are not failures; broken declarations are.
            extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
            tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
            compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
          },
        },
        configObjectFullPath: undefined,
        packageJsonFullPath: join(ROOT, "package.json"),
        packageJson: { name, version: "0.0.0" },
      });
      const result = Extractor.invoke(config, { localBuild: true, showVerboseMessages: false, messageCallback: (m) => void (m.handled = m.logLevel !== ExtractorLogLevel.Error) });
      if (!result.succeeded) throw new Error(`API Extractor failed for ${name} (${result.errorCount} errors)`);
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const model = new ApiModel();
    for (const [name, entry] of Object.entries(ENTRY_POINTS)) {
      const pkg = model.loadPackage(join(models, `${name}.api.json`));
      writeFileSync(join(outDir, `${name}.md`), renderPage(importPath(name), entry, pkg.entryPoints[0]?.members ?? []));
    }
    writeFileSync(join(outDir, "README.md"), renderIndex());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `ai-platform-cdktf-aws` -> `ai-platform-cdktf/aws`. */
function importPath(name: string): string {
  return name === "ai-platform-cdktf" ? name : `ai-platform-cdktf/${name.slice("ai-platform-cdktf-".length)}`;
}

/** Plain Markdown of a TSDoc node: text, code spans, links (as their text), paragraphs, code fences. */
function md(node: DocNode | undefined): string {
  if (!node) return "";
  const n = node as DocNode & Record<string, any>;
  switch (node.kind) {
    case DocNodeKind.PlainText:
      return n.text as string;
    case DocNodeKind.SoftBreak:
      return " ";
    case DocNodeKind.CodeSpan:
      return `\`${n.code as string}\``;
    case DocNodeKind.LinkTag:
      return `\`${(n.linkText as string | undefined) ?? (n.codeDestination ? (n.codeDestination.memberReferences as any[]).map((r) => r.memberIdentifier?.identifier ?? "").join(".") : (n.urlDestination as string | undefined) ?? "")}\``;
    case DocNodeKind.FencedCode:
      return `\n\n\`\`\`${n.language as string}\n${(n.code as string).trimEnd()}\n\`\`\`\n\n`;
    case DocNodeKind.Paragraph:
      return `${node.getChildNodes().map(md).join("").trim()}\n\n`;
    case DocNodeKind.EscapedText:
      return n.decodedText as string;
    case DocNodeKind.HtmlStartTag:
    case DocNodeKind.HtmlEndTag:
    case DocNodeKind.ErrorText:
      return (n.text as string | undefined) ?? "";
    default:
      return node.getChildNodes().map(md).join("");
  }
}

function section(s: DocSection | undefined): string {
  return md(s).replace(/\n{3,}/g, "\n\n").trim();
}

interface Doc {
  readonly summary: string;
  readonly remarks: string;
  readonly defaultValue: string;
  readonly deprecated: string;
}

function docOf(item: ApiItem): Doc {
  const c = item instanceof ApiDocumentedItem ? item.tsdocComment : undefined;
  const dflt = c?.customBlocks.find((b) => b.blockTag.tagNameWithUpperCase === StandardTags.defaultValue.tagNameWithUpperCase);
  return {
    summary: section(c?.summarySection),
    remarks: section(c?.remarksBlock?.content),
    defaultValue: section(dflt?.content).replace(/\s+/g, " "),
    deprecated: section(c?.deprecatedBlock?.content),
  };
}

function signature(item: ApiItem): string {
  return item instanceof ApiDeclaredItem ? item.excerpt.text.replace(/\s+$/g, "").replace(/^export declare /, "").replace(/^export /, "") : item.displayName;
}

const KIND_TITLE: Partial<Record<ApiItemKind, string>> = {
  [ApiItemKind.Class]: "class",
  [ApiItemKind.Interface]: "interface",
  [ApiItemKind.Function]: "function",
  [ApiItemKind.Variable]: "const",
  [ApiItemKind.TypeAlias]: "type",
  [ApiItemKind.Enum]: "enum",
  [ApiItemKind.Namespace]: "namespace",
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n+/g, " ");

function renderMembers(item: ApiItem): string {
  const members = item.members.filter((m) => m.kind !== ApiItemKind.Namespace);
  if (members.length === 0) return "";
  const rows = members.map((m) => {
    const d = docOf(m);
    const text = [d.summary, d.defaultValue ? `Default: ${d.defaultValue}.` : "", d.deprecated ? `Deprecated: ${d.deprecated}` : ""].filter(Boolean).join(" ");
    return `| \`${cell(signature(m))}\` | ${cell(text)} |`;
  });
  return `\n| member | description |\n|---|---|\n${rows.join("\n")}\n`;
}

function renderItem(item: ApiItem, level: number): string {
  const d = docOf(item);
  const kind = KIND_TITLE[item.kind] ?? item.kind.toLowerCase();
  const parts = [`${"#".repeat(level)} ${item.displayName}`, "", `${kind}`, ""];
  if (item.kind !== ApiItemKind.Namespace) parts.push("```ts", signature(item), "```", "");
  if (d.summary) parts.push(d.summary, "");
  if (d.remarks) parts.push(d.remarks, "");
  if (d.defaultValue) parts.push(`Default: ${d.defaultValue}`, "");
  if (d.deprecated) parts.push(`Deprecated: ${d.deprecated}`, "");
  if (item.kind === ApiItemKind.Namespace) {
    for (const m of [...item.members].sort((a, b) => a.displayName.localeCompare(b.displayName))) parts.push(renderItem(m, level + 1));
  } else if (item.kind === ApiItemKind.Class || item.kind === ApiItemKind.Interface || item.kind === ApiItemKind.Enum) {
    parts.push(renderMembers(item));
  }
  return parts.join("\n").replace(/\n{3,}/g, "\n\n");
}

function renderPage(path: string, entry: string, members: readonly ApiItem[]): string {
  const sorted = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const toc = sorted.map((m) => `- [${m.displayName}](#${m.displayName.toLowerCase()}) (${KIND_TITLE[m.kind] ?? m.kind.toLowerCase()})`);
  return [
    `# \`${path}\``,
    "",
    `<!-- generated by \`npm run api-docs\` from the TSDoc of ${entry.replace(/\.d\.ts$/, ".ts")}; do not edit -->`,
    "",
    ...toc,
    "",
    ...sorted.map((m) => renderItem(m, 2)),
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()
    .concat("\n");
}

function renderIndex(): string {
  const rows = Object.keys(ENTRY_POINTS).map((name) => `- [\`${importPath(name)}\`](${name}.md)`);
  return ["# API reference", "", "<!-- generated by `npm run api-docs`; do not edit -->", "", "One page per entry point of the package:", "", ...rows, ""].join("\n");
}

/** Every file under `dir`, relative, sorted. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** The files that differ between the committed reference and a fresh one (empty when up to date). */
export function staleApiDocs(): string[] {
  const fresh = mkdtempSync(join(tmpdir(), "aip-api-docs-out-"));
  try {
    generateApiDocs(fresh);
    let committed: string[] = [];
    try {
      committed = listing(API_DOCS_DIR);
    } catch {
      return ["docs/api/ (missing)"];
    }
    const generated = listing(fresh);
    const all = [...new Set([...committed, ...generated])].sort();
    return all.filter((f) => {
      if (!committed.includes(f) || !generated.includes(f)) return true;
      return readFileSync(join(API_DOCS_DIR, f), "utf8") !== readFileSync(join(fresh, f), "utf8");
    });
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv.includes("--check")) {
    const stale = staleApiDocs();
    if (stale.length > 0) {
      process.stderr.write(`docs/api is out of date (run npm run api-docs): ${stale.slice(0, 20).join(", ")}${stale.length > 20 ? ", ..." : ""}\n`);
      process.exit(1);
    }
  } else {
    generateApiDocs(API_DOCS_DIR);
  }
}
