/**
 * cdktf records a full stack trace (`Error.stackTraceLimit = Infinity`, formatted at
 * once) for every token it creates, only to quote it if that token later fails to
 * resolve. On a large spec that is a third of synth time. While the command builds and
 * synthesizes, token stack traces are left empty; real errors keep a full trace.
 */

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** Runs `fn` with cheap stack traces for cdktf's token bookkeeping, restoring the hook after. */
export function withCheapTokenTraces<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace as PrepareStackTrace | undefined;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    if (!(error instanceof Error)) return ""; // cdktf's captureStackTrace target is a plain object
    if (previous) return previous(error, frames);
    return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${String(f)}`).join("")}`;
  };
  try {
    return fn();
  } finally {
    if (previous) Error.prepareStackTrace = previous;
    else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  }
}
