/**
 * The rule for exposing the Kubernetes API, shared by spec validation and by the cluster
 * constructs of both clouds (which enforce it again for code that skips validation).
 */
import { cidrInRanges, parseIpv4Cidr, PRIVATE_RANGES } from "./cidr";
import type { SpecProblem } from "./problems";

/** How the Kubernetes API endpoint is exposed. */
export type ApiAccess = "private" | "public";

/**
 * Problems with the endpoint's exposure: an authorized network wider than /8 (0.0.0.0/0
 * above all), a public range on a private endpoint, a public endpoint with no authorized
 * network. Malformed CIDRs are left to the CIDR check.
 */
export function apiAccessProblems(apiAccess: ApiAccess, authorizedNetworks: readonly string[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  authorizedNetworks.forEach((text, i) => {
    const parsed = parseIpv4Cidr(text);
    if ("error" in parsed) return;
    const path = `network.authorizedNetworks[${i}]`;
    if (parsed.prefix < 8) {
      problems.push({
        path,
        message: `"${text}" opens the Kubernetes API to ${parsed.prefix === 0 ? "the whole internet" : "too wide a range"}; list the narrow ranges of your offices, VPN or CI (prefix /8 or longer)`,
      });
    } else if (apiAccess === "private" && !cidrInRanges(parsed, PRIVATE_RANGES)) {
      problems.push({
        path,
        message: `"${text}" is a public range but apiAccess is "private"; use private ranges (VPN, peered networks) or set apiAccess: public to opt out of the private endpoint`,
      });
    }
  });
  if (apiAccess === "public" && authorizedNetworks.length === 0) {
    problems.push({
      path: "network.authorizedNetworks",
      message: `is empty but apiAccess is "public"; list the CIDRs allowed to reach the public endpoint (never 0.0.0.0/0)`,
    });
  }
  return problems;
}

/** Throws, naming every problem and the construct, when the exposure breaks the rule. */
export function assertApiAccess(where: string, apiAccess: ApiAccess, authorizedNetworks: readonly string[]): void {
  const problems = apiAccessProblems(apiAccess, authorizedNetworks);
  if (problems.length > 0) throw new Error(`${where}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
}
