/**
 * Errors the command reports to its user: a message naming the path, what went wrong and
 * what to do, and exit code 2. Never a stack trace for something the user can fix.
 */

/** A mistake or an environment problem the user can fix; the command prints `message` and exits 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** The `code` of a Node.js system error (`ENOENT`, `EACCES`, ...), if `err` is one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** What a system error means and what to do about it, by code. */
const IO_ERRORS: Readonly<Record<string, { readonly what: string; readonly fix: string }>> = {
  ENOENT: { what: "does not exist", fix: "check the path, or create the missing directory" },
  EACCES: { what: "permission denied", fix: "fix the permissions or choose another path" },
  EPERM: { what: "operation not permitted (immutable, or owned by another user)", fix: "fix the permissions or attributes, or choose another path" },
  EROFS: { what: "is on a read-only file system", fix: "choose a writable path" },
  ENOSPC: { what: "no space left on the device", fix: "free some space and run again" },
  EDQUOT: { what: "disk quota exceeded", fix: "free some space and run again" },
  EFBIG: { what: "file too large for the file system", fix: "choose another path" },
  ENOTDIR: { what: "a part of the path is not a directory", fix: "check the path" },
  EISDIR: { what: "is a directory", fix: "name a file, not a directory" },
  ELOOP: { what: "has too many levels of symbolic links (a loop?)", fix: "fix the symbolic links or choose another path" },
  EBUSY: { what: "is busy (in use, or a mount point)", fix: "choose another path" },
  EEXIST: { what: "already exists", fix: "remove it or choose another path" },
  ENOTEMPTY: { what: "is a directory that is not empty", fix: "choose another path" },
  ENAMETOOLONG: { what: "the path is too long", fix: "choose a shorter path" },
  EMFILE: { what: "too many open files", fix: "raise the open-file limit (ulimit -n) and run again" },
  ENFILE: { what: "too many open files on the system", fix: "run again when fewer files are open" },
  EIO: { what: "input/output error on the device", fix: "check the disk and run again" },
  EXDEV: { what: "crosses file systems", fix: "choose a path on the same file system" },
  EINVAL: { what: "is not valid here", fix: "choose another path" },
  EPIPE: { what: "the reader closed the pipe", fix: "keep the reading end open" },
  ENXIO: { what: "is a device or FIFO with nothing attached", fix: "name a regular file" },
  ETXTBSY: { what: "is busy", fix: "choose another path" },
  EAGAIN: { what: "is temporarily unavailable", fix: "run again" },
};

/**
 * One line for a failed file operation: `cannot write "out/x.json": permission denied (EACCES); fix ...`.
 * `action` is what was attempted (`read`, `write`, `create`).
 */
export function describeIoError(err: unknown, action: string, path: string): string {
  const code = errnoCode(err);
  const known = code === undefined ? undefined : IO_ERRORS[code];
  if (known) return `cannot ${action} "${path}": ${known.what} (${code}); ${known.fix}`;
  const message = err instanceof Error ? err.message : String(err);
  return `cannot ${action} "${path}": ${message}`;
}

/** Runs a file operation, turning a system error into a `CliError` naming the path. */
export function io<T>(action: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CliError || errnoCode(err) === undefined) throw err;
    throw new CliError(describeIoError(err, action, path));
  }
}
