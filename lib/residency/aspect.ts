/**
 * cdktf glue: pins a stack to a jurisdiction so that synthesis fails when
 * any setting places data outside it.
 *
 * How cdktf 0.21 runs it (see node_modules/cdktf/lib): `App.synth()` calls
 * `StackSynthesizer.synthesize()` for every stack, which first invokes the
 * aspects and then, unless the App was created with `skipValidation: true`,
 * `TerraformStack.runAllValidations()`. That collects `node.validate()` of
 * every construct in the stack and, if any message came back, throws
 * `Error("Validation failed with the following errors:\n  [<path>] <message>…")`
 * before anything is written. Each violation is returned as its own message,
 * so the error lists one offender per line, prefixed with the stack path.
 * `Testing.synth(stack, true)` runs the same validations.
 *
 * The validation reads `stack.toTerraform()` at validation time, i.e. after
 * all aspects ran, so it sees the configuration that will be written.
 */
import type { TerraformStack } from "cdktf";
import { requireJurisdiction, type JurisdictionId } from "./jurisdictions";
import { checkResidency, formatResidencyViolation, type ResidencyCheckOptions } from "./pinning";

const pinned = new WeakMap<TerraformStack, Set<JurisdictionId>>();

/**
 * Registers a validation on `stack` that fails synthesis (`app.synth()`)
 * with one line per setting that places data outside `jurisdiction` (or
 * cannot be proven inside it). Pinning the same stack twice to the same
 * jurisdiction registers one validation; pinning it to two jurisdictions
 * requires both (their intersection).
 *
 * Note: an App created with `skipValidation: true` skips all validations,
 * this one included.
 */
export function pinResidency(stack: TerraformStack, jurisdiction: JurisdictionId, options: ResidencyCheckOptions = {}): void {
  requireJurisdiction(jurisdiction);
  const already = pinned.get(stack) ?? new Set<JurisdictionId>();
  if (already.has(jurisdiction)) {
    return;
  }
  already.add(jurisdiction);
  pinned.set(stack, already);
  const config = handOffConfiguration(stack);
  stack.node.addValidation({
    validate: (): string[] => {
      const violations = checkResidency(stack.node.id, config.render(), jurisdiction, options);
      if (violations.length > 0) config.discard(); // synthesis stops here; nothing to hand off
      return violations.map((v) => `data residency (${jurisdiction}): ${formatResidencyViolation(v)}`);
    },
  });
}

interface HandOff {
  /** Renders the configuration and keeps it for the next `toTerraform` call. */
  readonly render: () => Record<string, unknown>;
  /** Drops a kept configuration. */
  readonly discard: () => void;
}

const handOff = new WeakMap<TerraformStack, HandOff>();

/**
 * Rendering a stack's configuration (`toTerraform`) resolves every token of every
 * resource, a large share of synth time. cdktf renders it once for the validations and
 * once more to write the file, with nothing in between that changes the stack. So the
 * configuration the check rendered is handed to the very next `toTerraform` call (the
 * synthesizer's) instead of being rendered again.
 */
function handOffConfiguration(stack: TerraformStack): HandOff {
  const existing = handOff.get(stack);
  if (existing) return existing;
  const render = stack.toTerraform.bind(stack) as () => Record<string, unknown>;
  let pending: Record<string, unknown> | undefined;
  const checked: HandOff = {
    render: () => {
      pending = render();
      return pending;
    },
    discard: () => {
      pending = undefined;
    },
  };
  stack.toTerraform = (): Record<string, unknown> => {
    const ready = pending;
    pending = undefined;
    return ready ?? render();
  };
  handOff.set(stack, checked);
  return checked;
}

/** The jurisdictions `stack` was pinned to with {@link pinResidency}. */
export function pinnedJurisdictions(stack: TerraformStack): JurisdictionId[] {
  return [...(pinned.get(stack) ?? [])];
}
