/**
 * Rendering a stack (`TerraformStack.toTerraform()`) passes every element's configuration
 * through cdktf's token resolution, and then the whole merged configuration once more.
 * Most of what is resolved holds no token at all: plain strings and numbers, keys, and
 * (a third of all values) attributes left unset. cdktf's resolution of such a value is a
 * copy of it, yet costs a regular-expression scan per string and a fresh resolution
 * context per key; on a large spec that is most of synthesis.
 *
 * While the command synthesizes, the function cdktf 0.21 renders stacks with (`resolve`
 * of `cdktf/lib/_tokens`, which calls the public `Tokenization.resolve`) walks the value
 * itself and hands every part that may hold a token to cdktf's resolution unchanged:
 *
 * - a string containing a token marker (`TfToken[`), one of the map-token placeholders, or
 *   anything cdktf's number-token pattern matches;
 * - a number in the range cdktf encodes tokens in (about -1e289 and below), NaN, or the
 *   map-token placeholder number;
 * - an array holding a list token or such a number, an object with such a key, anything
 *   resolvable (with a `resolve` method), any object that is not a plain object or array
 *   (constructs, dates, class instances), and functions;
 * - anything nested deeper than cdktf's own cycle guard allows for.
 *
 * Everything else is copied as cdktf copies it: `undefined` dropped from objects and
 * arrays, `null` kept. A test compares the result with cdktf's own resolution on every
 * value of a synthesis of the default example.
 */
import { Token } from "cdktf";

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

/** The module cdktf renders stacks with; undefined when this cdktf has none such. */
function renderingModule(): { resolve: Resolve } | undefined {
  let mod: { resolve?: unknown };
  try {
    mod = require("cdktf/lib/_tokens") as { resolve?: unknown };
  } catch {
    return undefined;
  }
  return typeof mod.resolve === "function" && mod.resolve.length >= 2 ? (mod as { resolve: Resolve }) : undefined;
}

// cdktf's pattern for numbers encoded into strings (tokens/private/encoding.js).
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
// cdktf encodes a token as a double with the top 16 bits 0xfdff or 0xfbff: below -1e289.
const LOWEST_PLAIN_NUMBER = -1e280;
// cdktf refuses values nested deeper than 200; leave anything near that to it.
const MAX_DEPTH = 100;

function mayHoldToken(s: string): boolean {
  return s.includes("TfToken[") || s === Token.STRING_MAP_TOKEN_VALUE || s === Token.ANY_MAP_TOKEN_VALUE || NUMBER_IN_STRING.test(s);
}

function mayBeToken(n: number): boolean {
  return !(n > LOWEST_PLAIN_NUMBER) || n === Token.NUMBER_MAP_TOKEN_VALUE;
}

/** What the walk did: values it copied itself, and parts it handed to cdktf. */
export interface PlainValueStats {
  copied: number;
  handedOver: number;
}

/** `resolve(scope, obj, preparing)` that hands only the parts that may hold a token to `resolve`. */
export function plainValueResolve(resolve: Resolve, stats?: PlainValueStats): Resolve {
  return (scope, obj, preparing) => {
    const handOver = (part: unknown): unknown => {
      if (stats) stats.handedOver++;
      return resolve(scope, part, preparing);
    };
    const walk = (value: unknown, depth: number): unknown => {
      switch (typeof value) {
        case "undefined":
        case "boolean":
        case "bigint":
        case "symbol":
          return value;
        case "string":
          return mayHoldToken(value) ? handOver(value) : value;
        case "number":
          return mayBeToken(value) ? handOver(value) : value;
        case "function":
          return handOver(value);
      }
      if (value === null) return null;
      if (depth > MAX_DEPTH) return handOver(value);
      if (Array.isArray(value)) {
        for (const x of value) {
          if ((typeof x === "string" && x.includes("TfToken[")) || (typeof x === "number" && mayBeToken(x))) return handOver(value);
        }
        const out: unknown[] = [];
        for (const x of value) {
          const r = walk(x, depth + 1);
          if (r !== undefined) out.push(r);
        }
        if (stats) stats.copied++;
        return out;
      }
      const object = value as Record<string, unknown>;
      const proto = Object.getPrototypeOf(object) as unknown;
      if ((proto !== Object.prototype && proto !== null) || typeof object.resolve === "function") return handOver(object);
      const keys = Object.keys(object);
      for (const key of keys) if (mayHoldToken(key)) return handOver(object);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const r = walk(object[key], depth + 1);
        if (r !== undefined) out[key] = r;
      }
      if (stats) stats.copied++;
      return out;
    };
    return walk(obj, 0);
  };
}

/**
 * Runs `fn` with stack rendering resolving only the parts of a value that may hold a
 * token (see the file comment), restoring cdktf's function after.
 *
 * @returns what `fn` returned, and whether the installed cdktf had the function to replace
 */
export function withPlainValuesCopied<T>(fn: () => T, stats?: PlainValueStats): { result: T; applied: boolean } {
  const mod = renderingModule();
  if (mod === undefined) return { result: fn(), applied: false };
  const resolve = mod.resolve;
  mod.resolve = plainValueResolve(resolve, stats);
  try {
    return { result: fn(), applied: true };
  } finally {
    mod.resolve = resolve;
  }
}
