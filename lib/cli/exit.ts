/** Exit codes of the command: 0 done, 1 a check found failures (only that), 2 anything else went wrong (spec, files, usage, environment). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
