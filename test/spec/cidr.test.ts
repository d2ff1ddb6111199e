import { cidrInRanges, cidrsOverlap, cidrWithin, parseIpv4Cidr, PRIVATE_RANGES, subnetCidr, type Ipv4Cidr } from "../../lib/spec/cidr";

function cidr(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if ("error" in parsed) throw new Error(`${text}: ${parsed.error}`);
  return parsed;
}

describe("CIDR arithmetic", () => {
  test.each([
    ["10.20.0.0/16", 19, 0, "10.20.0.0/19"],
    ["10.20.0.0/16", 19, 1, "10.20.32.0/19"],
    ["10.20.0.0/16", 19, 7, "10.20.224.0/19"],
    ["10.20.0.0/16", 24, 255, "10.20.255.0/24"],
    ["172.16.0.0/12", 16, 15, "172.31.0.0/16"],
  ])("subnetCidr(%s, /%i, %i) is %s, like Terraform's cidrsubnet", (parent, prefix, index, expected) => {
    expect(subnetCidr(cidr(parent), prefix, index)).toBe(expected);
  });

  test("fails when the block index does not fit the parent", () => {
    expect(() => subnetCidr(cidr("10.20.0.0/16"), 17, 2)).toThrow(RangeError);
  });

  test("overlap is symmetric and detects containment", () => {
    expect(cidrsOverlap(cidr("10.20.0.0/16"), cidr("10.20.128.0/20"))).toBe(true);
    expect(cidrsOverlap(cidr("10.20.128.0/20"), cidr("10.20.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.20.0.0/16"), cidr("10.21.0.0/16"))).toBe(false);
  });

  test("within and private ranges", () => {
    expect(cidrWithin(cidr("10.20.0.0/16"), cidr("10.0.0.0/8"))).toBe(true);
    expect(cidrWithin(cidr("10.0.0.0/8"), cidr("10.20.0.0/16"))).toBe(false);
    expect(cidrInRanges(cidr("192.168.10.0/24"), PRIVATE_RANGES)).toBe(true);
    expect(cidrInRanges(cidr("172.32.0.0/16"), PRIVATE_RANGES)).toBe(false);
  });

  test.each(["10.20.0.0", "10.20.0.0/16/1", "300.1.1.1/16", "::1/128", "10.20.0.1/16"])("fails to parse %p", (text) => {
    expect("error" in parseIpv4Cidr(text)).toBe(true);
  });
});
