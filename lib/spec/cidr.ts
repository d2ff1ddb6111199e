import * as ipaddr from "ipaddr.js";

/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  readonly text: string;
  readonly address: ipaddr.IPv4;
  readonly prefix: number;
}

/**
 * Parses an IPv4 CIDR in canonical form (the address is the network address,
 * e.g. `10.20.0.0/16`, not `10.20.1.0/16`). Returns a reason on failure.
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | { readonly error: string } {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return { error: "is not an IPv4 CIDR block (expected a.b.c.d/nn, e.g. 10.20.0.0/16)" };
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { error: "is not an IPv4 CIDR block (expected a.b.c.d/nn, e.g. 10.20.0.0/16)" };
  }
  const [address, prefix] = parsed;
  if (address.kind() !== "ipv4") {
    return { error: "is not an IPv4 CIDR block" };
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) {
    return { error: `has host bits set (the network address of /${prefix} is ${network.toString()}/${prefix})` };
  }
  return { text, address: address as ipaddr.IPv4, prefix };
}

/** The private ranges a cluster network may use, with the RFC that reserves each. */
export const PRIVATE_RANGES: readonly { readonly cidr: string; readonly rfc: string }[] = [
  { cidr: "10.0.0.0/8", rfc: "RFC 1918" },
  { cidr: "172.16.0.0/12", rfc: "RFC 1918" },
  { cidr: "192.168.0.0/16", rfc: "RFC 1918" },
];

/** The shared address space (RFC 6598), usable for pod ranges on GKE. */
export const SHARED_RANGE = { cidr: "100.64.0.0/10", rfc: "RFC 6598" } as const;

/** True when `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.address.match(outer.address, outer.prefix);
}

/** True when two CIDR blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return a.address.match(b.address, shorter);
}

/** True when the block lies wholly inside one of the given ranges. */
export function cidrInRanges(cidr: Ipv4Cidr, ranges: readonly { readonly cidr: string }[]): boolean {
  return ranges.some((r) => {
    const outer = parseIpv4Cidr(r.cidr);
    return !("error" in outer) && cidrWithin(cidr, outer);
  });
}

/**
 * Splits `parent` into consecutive blocks of `newPrefix` and returns the `index`-th one,
 * the same arithmetic as Terraform's `cidrsubnet(parent, newPrefix - prefix, index)`.
 */
export function subnetCidr(parent: Ipv4Cidr, newPrefix: number, index: number): string {
  const bits = newPrefix - parent.prefix;
  if (bits < 0 || index < 0 || index >= 2 ** bits) {
    throw new RangeError(`cannot take block ${index} of /${newPrefix} from ${parent.text}`);
  }
  const base = parent.address.toByteArray().reduce((acc, octet) => acc * 256 + octet, 0);
  const value = base + index * 2 ** (32 - newPrefix);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${octets.join(".")}/${newPrefix}`;
}
