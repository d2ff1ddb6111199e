/**
 * cdktf records a full stack trace for every token it creates (`Error.captureStackTrace`
 * into a plain object, with `Error.stackTraceLimit` raised to the maximum), only to quote
 * it if that token later fails to resolve. On a large spec capturing those traces is a
 * tenth of synth time. While the command builds and synthesizes, traces captured into
 * objects that are not errors (that bookkeeping) are left empty; every real error keeps
 * its full trace.
 */

type CaptureStackTrace = (target: object, constructorOpt?: Function) => void;

/** Runs `fn` without stack traces for cdktf's token bookkeeping, restoring `Error.captureStackTrace` after. */
export function withCheapTokenTraces<T>(fn: () => T): T {
  const capture = Error.captureStackTrace as CaptureStackTrace;
  const cheap: CaptureStackTrace = (target, constructorOpt) => {
    if (target instanceof Error) capture(target, constructorOpt);
    // A plain object (cdktf's `{ stack: "" }`) keeps the empty trace it came with.
  };
  Error.captureStackTrace = cheap;
  try {
    return fn();
  } finally {
    Error.captureStackTrace = capture;
  }
}
