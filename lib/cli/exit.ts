/** Exit codes of the command: 0 done, 1 a check failed, 2 the input is wrong (spec, files, usage). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
