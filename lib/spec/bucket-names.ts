/**
 * Bucket naming rules of each cloud, for the buckets a spec names (the state backend) and
 * the prefix of the buckets the platform names after the spec.
 *
 * Sources (checked 2026-12):
 * - S3: "General purpose bucket naming rules",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 *   (3-63 characters; lowercase letters, digits, dots, hyphens; begin and end with a
 *   letter or digit; no two adjacent periods; not an IP address; not starting with
 *   `xn--`, `sthree-`, `amzn-s3-demo-`; not ending with `-s3alias`, `--ol-s3`, `.mrap`,
 *   `--x-s3`, `--table-s3`).
 * - Cloud Storage: "Bucket names", https://cloud.google.com/storage/docs/buckets#naming
 *   (lowercase letters, digits, `-`, `_`, `.`; start and end with a letter or digit;
 *   3-63 characters, up to 222 with dots but each dot-separated part at most 63; not an
 *   IP address in dotted-decimal notation; not starting with `goog`; not containing
 *   `google` or close misspellings such as `g00gle`).
 */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const S3_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
const S3_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] as const;
/** `google` and the misspellings Cloud Storage refuses (digits for letters, e.g. `g00gle`). */
const GOOGLE_LIKE = /g[o0]{2,}g[l1]e/;

/** What is wrong with an S3 bucket name (empty when it is valid). */
export function s3BucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`has ${name.length} characters; S3 bucket names have 3-63`);
  if (!/^[a-z0-9.-]*$/.test(name)) problems.push("may contain only lowercase letters, digits, '.' and '-'");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) problems.push("must begin and end with a letter or digit");
  if (name.includes("..")) problems.push("must not contain two adjacent periods");
  if (IPV4.test(name)) problems.push("must not be formatted as an IP address");
  for (const p of s3ReservedPrefixes(name)) problems.push(`must not start with "${p}" (reserved by S3)`);
  for (const s of S3_SUFFIXES) if (name.endsWith(s)) problems.push(`must not end with "${s}" (reserved by S3)`);
  return problems;
}

/** The S3-reserved prefixes `name` starts with. */
export function s3ReservedPrefixes(name: string): string[] {
  return S3_PREFIXES.filter((p) => name.startsWith(p));
}

/** What is wrong with a Cloud Storage bucket name (empty when it is valid). */
export function gcsBucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  const max = name.includes(".") ? 222 : 63;
  if (name.length < 3 || name.length > max) problems.push(`has ${name.length} characters; Cloud Storage bucket names have 3-${max}`);
  if (name.includes(".") && name.split(".").some((part) => part.length > 63)) problems.push("each dot-separated part may have at most 63 characters");
  if (!/^[a-z0-9._-]*$/.test(name)) problems.push("may contain only lowercase letters, digits, '-', '_' and '.'");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) problems.push("must start and end with a letter or digit");
  if (name.includes("..")) problems.push("must not contain two adjacent periods");
  if (IPV4.test(name)) problems.push("must not be an IP address in dotted-decimal notation");
  problems.push(...gcsReservedWords(name));
  return problems;
}

/** The Google-reserved words in a Cloud Storage bucket name: a `goog` prefix, `google` or a misspelling. */
export function gcsReservedWords(name: string): string[] {
  const problems: string[] = [];
  if (name.startsWith("goog")) problems.push('must not start with "goog" (reserved by Google)');
  const google = GOOGLE_LIKE.exec(name);
  if (google) problems.push(`must not contain "${google[0]}" ("google" and its misspellings are reserved by Google)`);
  return problems;
}
