/**
 * Where `ai-platform synth --out DIR` may write, and how the output is replaced so that DIR
 * always holds a complete output, even if the command is killed at any instant.
 *
 * What DIR may be:
 * - missing (its parents are created), an empty directory, or an earlier output of this
 *   tool: a cdktf `manifest.json`, a `stacks/` directory with only the stacks the manifest
 *   lists, and in each stack directory only what cdktf and Terraform put there. Anything
 *   else (a project directory, a file, a device, `/`, the current directory or one above
 *   it) is refused: synth never deletes what it did not write.
 * - a symbolic link: it is followed (every hop) and its target is judged the same way.
 *   A dangling link is refused. Nothing is ever deleted through a link.
 *
 * How the output is published. DIR is a symbolic link to a generation directory beside it,
 * `.<DIR>.ai-platform-<pid>-<random>` (beside, so paths relative to a stack directory, such
 * as the local state `../../../terraform.<stack>.tfstate`, resolve exactly as they would in
 * a plain directory):
 * 1. synthesis writes a new generation (DIR is untouched; a failed run removes it);
 * 2. under a lock (`.<DIR>.ai-platform-lock`, a symbolic link naming its owner), a new link
 *    to the new generation is made and renamed onto DIR: rename(2) replaces the old link
 *    atomically, so DIR names the old complete output or the new one, never nothing;
 * 3. the previous generation is removed, then the lock.
 * A run killed at any step leaves at most an unreferenced generation, a spare link or a
 * stale lock (its owner is dead); the next run removes them. Two concurrent runs each
 * publish a complete output in turn (the lock is held for milliseconds); a run that waits
 * longer than `LOCK_WAIT_MS` for a live owner stops with "another synth is writing here".
 *
 * One case cannot be atomic: replacing a plain directory that holds an earlier output
 * (written by `cdktf synth`, or by an earlier version of this tool) with the link. The old
 * output is first renamed to `.<DIR>.ai-platform-<pid>-moved` and the link put in its
 * place; if the run is killed between those two renames, the next run renames the earlier
 * output back before doing anything else.
 */
import { randomBytes } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  linkSync,
  type Stats,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";
import { CliError, describeIoError, errnoCode, io } from "./errors";

/** How long a run waits for another live run to finish publishing. */
export const LOCK_WAIT_MS = 20_000;
/** A lock older than this is stale whoever holds it (publishing takes milliseconds). */
const LOCK_STALE_MS = 10 * 60_000;
const MAX_LINK_HOPS = 40;
const MARK = "ai-platform";

/** Files cdktf or Terraform put into a stack directory of an output. */
const STACK_DIR_ENTRIES: ReadonlySet<string> = new Set(["cdk.tf.json", "cdk.tf", "metadata.json", "assets", ".terraform", ".terraform.lock.hcl"]);

/** What is at the output path. */
type State =
  | { readonly kind: "missing" }
  | { readonly kind: "empty" }
  | { readonly kind: "link"; readonly generation: string | undefined }
  | { readonly kind: "earlier" };

/** The resolved output location. */
export interface OutputTarget {
  /** The path as the user gave it. */
  readonly requested: string;
  /** The absolute path that is published (links followed, except this tool's own link). */
  readonly path: string;
  readonly parent: string;
  readonly base: string;
}

function refuse(path: string, why: string, fix: string): never {
  throw new CliError(`--out "${path}" ${why}; ${fix}`);
}

function lstatOrUndefined(path: string, requested: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw new CliError(`--out: ${describeIoError(err, "inspect", path === requested ? path : `${path}" (from "${requested}`)}`);
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Names of this tool's files beside the output `base`. */
function names(base: string) {
  const prefix = `.${base}.${MARK}-`;
  return {
    prefix,
    generation: new RegExp(`^${escape(prefix)}(\\d+)-[A-Za-z0-9]+$`),
    moved: new RegExp(`^${escape(prefix)}(\\d+)-moved$`),
    link: new RegExp(`^${escape(prefix)}link-(\\d+)-[A-Za-z0-9]+$`),
    lock: `${prefix}lock`,
    lockBreak: new RegExp(`^${escape(prefix)}lock-stale-(\\d+)-[A-Za-z0-9]+$`),
    // Leftovers of earlier versions of the command: `.<base>.staging-XXXXXX`, `<base>.old-<pid>`.
    legacy: new RegExp(`^(\\.${escape(base)}\\.staging-[A-Za-z0-9]{6}|${escape(base)}\\.old-\\d+)$`),
  };
}

/** The generation a path is this tool's link to, or undefined if it is any other link. */
function ownGeneration(path: string): string | undefined {
  let target: string;
  try {
    target = readlinkSync(path);
  } catch {
    return undefined;
  }
  return names(basename(path)).generation.test(target) ? target : undefined;
}

/** Whether a directory holds nothing but an output of this tool (or of cdktf). */
function isEarlierOutput(dir: string, entries: readonly string[]): boolean {
  if (!entries.includes("manifest.json") || entries.some((e) => e !== "manifest.json" && e !== "stacks")) return false;
  let manifest: unknown;
  try {
    const file = join(dir, "manifest.json");
    if (!lstatSync(file).isFile()) return false;
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
  const m = manifest as { version?: unknown; stacks?: unknown } | null;
  if (m === null || typeof m !== "object" || typeof m.version !== "string" || m.stacks === null || typeof m.stacks !== "object") return false;
  const stacks = new Set(Object.keys(m.stacks as object));
  if (!entries.includes("stacks")) return stacks.size === 0;
  const stacksDir = join(dir, "stacks");
  try {
    if (!lstatSync(stacksDir).isDirectory()) return false;
    for (const stack of readdirSync(stacksDir, { withFileTypes: true })) {
      if (!stack.isDirectory() || !stacks.has(stack.name)) return false;
      for (const f of readdirSync(join(stacksDir, stack.name))) if (!STACK_DIR_ENTRIES.has(f)) return false;
    }
  } catch {
    return false;
  }
  return true;
}

function dirState(path: string, requested: string): State {
  const entries = io("read", path, () => readdirSync(path));
  if (entries.length === 0) return { kind: "empty" };
  if (isEarlierOutput(path, entries)) return { kind: "earlier" };
  const shown = entries.slice().sort().slice(0, 5).join(", ") + (entries.length > 5 ? ", ..." : "");
  refuse(
    requested === path ? path : `${requested}" (-> "${path}`,
    `is a directory that is neither empty nor an earlier output of ai-platform (it holds ${shown})`,
    "synth writes only into a new or empty directory or over its own earlier output, and never deletes anything else: choose another --out, e.g. a new subdirectory",
  );
}

function stateOf(path: string, requested: string): State {
  const st = lstatOrUndefined(path, requested);
  if (!st) return { kind: "missing" };
  if (st.isSymbolicLink()) return { kind: "link", generation: ownGeneration(path) };
  if (st.isDirectory()) return dirState(path, requested);
  return refuse(requested, st.isFile() ? "is a file" : "is not a directory (a device, FIFO or socket)", "name a directory for the output (a new or empty one, or an earlier output)");
}

/**
 * Resolves and checks `--out`. Throws a `CliError` (exit 2) naming the path and the fix
 * when synth must not write there. Nothing is created or changed.
 */
export function resolveOutput(requested: string, cwd = process.cwd()): OutputTarget {
  let path = resolve(cwd, requested);
  for (let hops = 0; ; hops++) {
    if (hops > MAX_LINK_HOPS) refuse(requested, "has too many levels of symbolic links (a loop?)", "fix the links or choose another --out");
    if (parse(path).root === path) refuse(requested, "is the root of the file system", "choose a directory for the output, e.g. ./cdktf.out");
    const st = lstatOrUndefined(path, requested);
    if (!st || !st.isSymbolicLink() || ownGeneration(path) !== undefined) break;
    const next = resolve(dirname(path), io("read the link", path, () => readlinkSync(path)));
    if (!lstatOrUndefined(next, requested)) {
      refuse(requested, `is a symbolic link to "${next}", which does not exist`, "create that directory, remove the link, or choose another --out");
    }
    path = next;
  }
  const rel = relative(path, resolve(cwd));
  if (rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
    refuse(requested, "is the current directory or contains it", "choose a directory for the output inside the project, e.g. ./cdktf.out");
  }
  stateOf(path, requested);
  return { requested, path, parent: dirname(path), base: basename(path) };
}

// ---------------------------------------------------------------------------
// The lock: a symbolic link whose target names its owner (created atomically with its content).
// ---------------------------------------------------------------------------

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
  readonly token: string;
}

function encodeOwner(o: Owner): string {
  return `pid=${o.pid};host=${encodeURIComponent(o.host)};since=${o.since};token=${o.token}`;
}

function decodeOwner(s: string): Owner | undefined {
  const m = /^pid=(\d+);host=([^;]*);since=(\d+);token=([A-Za-z0-9]+)$/.exec(s);
  if (!m) return undefined;
  return { pid: Number(m[1]), host: decodeURIComponent(m[2]!), since: Number(m[3]), token: m[4]! };
}

/** Whether a process of this host is alive. */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === "EPERM";
  }
}

/** Whether files named with `pid` may still be in use by a running synth. */
function inUse(pid: number): boolean {
  return pid !== process.pid && alive(pid);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStale(owner: Owner | undefined, raw: string | undefined, now: number): boolean {
  if (raw === undefined) return false; // vanished meanwhile: retry
  if (!owner) return true; // not a lock this tool wrote
  if (now - owner.since > LOCK_STALE_MS) return true;
  return owner.host === hostname() && !alive(owner.pid);
}

/** Takes the publication lock of the output, waiting for a live owner up to `LOCK_WAIT_MS`. Returns the release function. */
function acquireLock(target: OutputTarget, waitMs: number): () => void {
  const n = names(target.base);
  const lock = join(target.parent, n.lock);
  const me: Owner = { pid: process.pid, host: hostname(), since: Date.now(), token: randomBytes(8).toString("hex") };
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      symlinkSync(encodeOwner({ ...me, since: Date.now() }), lock);
      return () => releaseLock(lock, me.token);
    } catch (err) {
      if (errnoCode(err) !== "EEXIST") throw new CliError(`--out: ${describeIoError(err, "create the lock", lock)}`);
    }
    let raw: string | undefined;
    try {
      raw = readlinkSync(lock);
    } catch (err) {
      if (errnoCode(err) === "EINVAL") raw = ""; // not a link: not ours, and stale by definition
      else if (errnoCode(err) !== "ENOENT") throw new CliError(`--out: ${describeIoError(err, "read the lock", lock)}`);
    }
    const owner = raw === undefined ? undefined : decodeOwner(raw);
    if (isStale(owner, raw, Date.now())) {
      breakLock(target, lock, raw!);
      continue;
    }
    if (raw !== undefined && Date.now() > deadline) {
      const who = owner ? `process ${owner.pid} on ${owner.host}, since ${new Date(owner.since).toISOString()}` : "another process";
      throw new CliError(
        `--out "${target.requested}": another synth is writing here (${who} holds ${lock}); wait for it to finish and run again (if no synth is running, remove ${lock})`,
      );
    }
    sleep(25);
  }
}

/** Moves a stale lock aside and removes it; puts it back if it turned out to be a fresh one. */
function breakLock(target: OutputTarget, lock: string, staleRaw: string): void {
  const aside = join(target.parent, `${names(target.base).prefix}lock-stale-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    renameSync(lock, aside);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return;
    throw new CliError(`--out: ${describeIoError(err, "remove the stale lock", lock)}`);
  }
  let moved: string | undefined;
  try {
    moved = readlinkSync(aside);
  } catch {
    moved = "";
  }
  if (moved !== staleRaw) {
    // Another run took the lock between our look and our move: give it back.
    try {
      linkSync(aside, lock);
    } catch {
      // a third run holds it now; the displaced owner notices at release
    }
  }
  rmSync(aside, { force: true });
}

function releaseLock(lock: string, token: string): void {
  try {
    if (decodeOwner(readlinkSync(lock))?.token === token) unlinkSync(lock);
  } catch {
    // already gone (broken as stale after LOCK_STALE_MS): nothing to release
  }
}

// ---------------------------------------------------------------------------
// Staging, publishing, cleaning up.
// ---------------------------------------------------------------------------

/** Creates the directory a new output is synthesized into, beside the output path. */
export function createGeneration(target: OutputTarget): string {
  makeDirectories(target);
  const prefix = join(target.parent, `${names(target.base).prefix}${process.pid}-`);
  try {
    return mkdtempSync(prefix);
  } catch (err) {
    if (errnoCode(err) === "ENOENT" && lstatOrUndefined(target.parent, target.parent)?.isDirectory()) {
      // The directory exists but nothing can be created in it: a virtual file system such as /proc.
      throw new CliError(`--out "${target.requested}": cannot create anything in "${target.parent}" (a virtual file system such as /proc or /sys?); choose a directory on a writable disk`);
    }
    throw new CliError(`--out "${target.requested}": ${describeIoError(err, "create a directory in", target.parent)}`);
  }
}

/**
 * Creates the missing parents of the output, one at a time. (Node's recursive mkdir loops
 * forever where mkdir keeps failing with ENOENT, as under /proc.)
 */
function makeDirectories(target: OutputTarget): void {
  const missing: string[] = [];
  let dir = target.parent;
  while (!lstatOrUndefined(dir, target.requested)) {
    missing.unshift(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (errnoCode(err) === "EEXIST") continue;
      const why =
        errnoCode(err) === "ENOENT"
          ? `cannot create "${d}" (nothing can be created in "${dirname(d)}": a virtual file system such as /proc or /sys?); choose a directory on a writable disk`
          : describeIoError(err, "create the directory", d);
      throw new CliError(`--out "${target.requested}": ${why}`);
    }
  }
  const st = lstatOrUndefined(target.parent, target.requested);
  if (st && !st.isDirectory() && !st.isSymbolicLink()) {
    throw new CliError(`--out "${target.requested}": "${target.parent}" is not a directory; check the path`);
  }
}

/** Removes a generation that will not be published (synthesis failed). */
export function discardGeneration(generation: string): void {
  rmSync(generation, { recursive: true, force: true });
}

/** Observes the steps of publishing (a fault-injection test kills the process at each one). */
export const publishSteps: { onStep?: (step: string) => void } = {};
function step(name: string): void {
  publishSteps.onStep?.(name);
}

/**
 * Publishes a synthesized generation at the output path: after it returns, the path names
 * the new output. At every instant before, it names the previous complete output (if any).
 */
export function publishGeneration(target: OutputTarget, generation: string, options: { readonly lockWaitMs?: number } = {}): void {
  step("lock");
  const release = acquireLock(target, options.lockWaitMs ?? LOCK_WAIT_MS);
  try {
    step("recover");
    recoverAndClean(target, generation);
    const state = stateOf(target.path, target.requested);
    const n = names(target.base);
    const link = join(target.parent, `${n.prefix}link-${process.pid}-${randomBytes(4).toString("hex")}`);
    step("link");
    io("create a link in", target.parent, () => symlinkSync(basename(generation), link));
    let previous: string | undefined;
    switch (state.kind) {
      case "missing":
        break;
      case "link":
        if (state.generation !== undefined) previous = join(target.parent, state.generation);
        break;
      case "empty":
        step("rmdir");
        io("replace the empty directory", target.path, () => rmdirSync(target.path));
        break;
      case "earlier": {
        previous = join(target.parent, `${n.prefix}${process.pid}-moved`);
        const moved = previous;
        step("move-earlier");
        io("move the earlier output", target.path, () => renameSync(target.path, moved));
        break;
      }
    }
    step("swap");
    try {
      renameSync(link, target.path);
    } catch (err) {
      if (state.kind === "earlier" && previous) renameSync(previous, target.path);
      rmSync(link, { force: true });
      throw new CliError(`--out: ${describeIoError(err, "publish the output at", target.path)}`);
    }
    step("remove-previous");
    if (previous && previous !== generation) rmSync(previous, { recursive: true, force: true });
    step("unlock");
  } finally {
    release();
  }
  step("done");
}

/**
 * Under the lock: puts back an earlier output a killed run had moved aside, then removes
 * what killed runs left (generations nobody publishes, spare links, moved-aside locks, and
 * the staging and `.old-` directories of earlier versions of the command).
 */
function recoverAndClean(target: OutputTarget, keep: string): void {
  const n = names(target.base);
  const entries = io("read", target.parent, () => readdirSync(target.parent));
  const current = lstatOrUndefined(target.path, target.requested)?.isSymbolicLink() ? ownGeneration(target.path) : undefined;
  if (!lstatOrUndefined(target.path, target.requested)) {
    const moved =
      entries.find((e) => n.moved.test(e) && !inUse(Number(n.moved.exec(e)![1]))) ??
      entries.find((e) => /\.old-(\d+)$/.test(e) && n.legacy.test(e) && !inUse(Number(/\.old-(\d+)$/.exec(e)![1])) && isOutputDir(join(target.parent, e)));
    if (moved) {
      step("restore-moved");
      io("restore the earlier output", target.path, () => renameSync(join(target.parent, moved), target.path));
    }
  }
  for (const e of entries) {
    const full = join(target.parent, e);
    if (full === keep || e === current) continue;
    const pid = n.generation.exec(e)?.[1] ?? n.moved.exec(e)?.[1] ?? n.link.exec(e)?.[1] ?? n.lockBreak.exec(e)?.[1];
    if (pid !== undefined) {
      if (inUse(Number(pid))) continue;
      if (lstatOrUndefined(full, full)) rmSync(full, { recursive: true, force: true });
    } else if (n.legacy.test(e)) {
      const st = lstatOrUndefined(full, full);
      if (st?.isDirectory() && holdsOnlyOutputEntries(full)) rmSync(full, { recursive: true, force: true });
    }
  }
}

function isOutputDir(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory() && isEarlierOutput(dir, readdirSync(dir));
  } catch {
    return false;
  }
}

/** A leftover of an earlier version: holds only what a (possibly partial) output holds. */
function holdsOnlyOutputEntries(dir: string): boolean {
  try {
    return readdirSync(dir).every((e) => e === "manifest.json" || e === "stacks");
  } catch {
    return false;
  }
}

/** For messages: the path relative to the working directory when inside it. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = p.startsWith(cwd + sep) ? p.slice(cwd.length + 1) : p;
  return rel || ".";
}
