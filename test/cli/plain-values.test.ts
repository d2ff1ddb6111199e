import { isDeepStrictEqual } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Fn, Lazy, TerraformStack, Token } from "cdktf";
import { plainValueResolve, withPlainValuesCopied, type PlainValueStats } from "../../lib/cli/plain-values";
import { synthInOnePass } from "../../lib/cli/one-pass";
import { addPlatformStacks } from "../../stacks/platform";
import { readSpecFile } from "../../lib/spec/load";

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;
// The function cdktf renders stacks with: the one the shortcut stands in front of.
const rendering = require("cdktf/lib/_tokens") as { resolve: Resolve };

class Shape {
  constructor(public readonly side: number) {}
}

describe("plain values in stack rendering", () => {
  let dir: string;
  let stack: TerraformStack;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-plain-values-"));
    stack = new TerraformStack(new App({ outdir: dir, stackTraces: false }), "s");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("resolve as cdktf does", () => {
    const cdktf = (obj: unknown) => rendering.resolve(stack, obj);
    const shortcut = (obj: unknown, stats?: PlainValueStats) => plainValueResolve(rendering.resolve, stats)(stack, obj);
    const values: Record<string, () => unknown> = {
      "plain data, unset attributes and nulls": () => ({ name: "x", count: 3, on: false, gone: undefined, none: null, list: ["a", undefined, 1, null], nested: { deeper: { v: "1e" } } }),
      "a string token inside a string": () => ({ name: `prefix-${Token.asString(Lazy.stringValue({ produce: () => "resolved" }))}-suffix` }),
      "a list token": () => ({ ids: Token.asList(Lazy.listValue({ produce: () => ["a", "b"] })) }),
      "a number token": () => ({ size: Token.asNumber(Lazy.numberValue({ produce: () => 42 })) }),
      "a number list token": () => ({ sizes: Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })) }),
      "a map token": () => ({ tags: Token.asStringMap(Lazy.anyValue({ produce: () => ({ team: "a" }) })) }),
      "a resolvable object": () => ({ any: Lazy.anyValue({ produce: () => ({ inner: [1, undefined, "x"] }) }) }),
      "a Terraform function": () => ({ value: Fn.base64decode(Token.asString(Lazy.stringValue({ produce: () => "eA==" }))) }),
      "an expression and an escape in plain strings": () => ({ expr: "${aws_vpc.main.id}", escaped: "$${literal}", braces: "}{" }),
      "a number pattern inside a string": () => ({ version: "v1.2e+3", exp: "3e10" }),
      "a date and a class instance": () => ({ when: new Date(0), shape: new Shape(2) }),
      "a sparse array": () => ({ holes: [1, , 3] }), // eslint-disable-line no-sparse-arrays
      "deep nesting": () => {
        let v: unknown = "leaf";
        for (let i = 0; i < 150; i++) v = { [`k${i}`]: v };
        return v;
      },
    };
    test.each(Object.keys(values))("%s", (name) => {
      expect(shortcut(values[name]!())).toEqual(cdktf(values[name]!()));
    });

    test("hands only the parts that may hold a token to cdktf", () => {
      const stats: PlainValueStats = { copied: 0, handedOver: 0 };
      shortcut({ a: "plain", b: { c: `x${Token.asString(Lazy.stringValue({ produce: () => "y" }))}`, d: [1, 2] } }, stats);
      expect(stats).toEqual({ copied: 3, handedOver: 1 });
    });

    test("fails when cdktf fails: a function or a list token in a string", () => {
      expect(() => shortcut({ f: () => 1 })).toThrow(/function/i);
      expect(() => shortcut({ s: `x${Token.asList(Lazy.listValue({ produce: () => ["a"] }))[0]}` })).toThrow();
    });
  });

  describe("a synthesis of the default example", () => {
    const mismatches: string[] = [];
    let calls = 0;
    let stats: PlainValueStats;
    let applied: boolean;
    beforeAll(() => {
      const cdktf = rendering.resolve;
      stats = { copied: 0, handedOver: 0 };
      const shortcut = plainValueResolve(cdktf, stats);
      // Every value cdktf renders is resolved both ways; synthesis goes on with cdktf's result.
      rendering.resolve = (scope, obj, preparing) => {
        calls++;
        const expected = cdktf(scope, obj, preparing);
        const actual = shortcut(scope, obj, preparing);
        if (!isDeepStrictEqual(actual, expected)) mismatches.push(JSON.stringify(expected).slice(0, 300));
        return expected;
      };
      try {
        // As the command synthesizes, without the shortcut in front of the comparison.
        const app = new App({ outdir: join(dir, "example"), stackTraces: false });
        addPlatformStacks(app, readSpecFile("examples/acme-ml-eu.yaml"));
        synthInOnePass(app);
      } finally {
        rendering.resolve = cdktf;
      }
      applied = withPlainValuesCopied(() => rendering.resolve !== cdktf).result;
    });

    test("resolves every value as cdktf does", () => {
      expect(calls).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    });

    test("copies most values itself and hands the tokens to cdktf", () => {
      expect(stats.copied).toBeGreaterThan(stats.handedOver);
      expect(stats.handedOver).toBeGreaterThan(0);
    });

    test("stands in front of the function cdktf renders stacks with, and only while it runs", () => {
      expect(applied).toBe(true);
      expect(withPlainValuesCopied(() => 1).applied).toBe(true);
    });
  });
});
