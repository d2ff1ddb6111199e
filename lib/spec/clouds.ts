/** The clouds a platform can be realised on. */
export const CLOUDS = ["aws", "gcp"] as const;

/** A cloud a platform can be realised on. */
export type Cloud = (typeof CLOUDS)[number];
