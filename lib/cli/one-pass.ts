/**
 * Synthesis with one token-resolution pass instead of three.
 *
 * cdktf 0.21's `App.synth()` first calls `prepareStack()` on every stack, which resolves
 * every token of every element twice with `preparing: true`, and only then renders each
 * stack (`toTerraform()`) and writes it. The preparing passes exist for one purpose: a
 * token of one stack used in another (a cross-stack reference) is found there and
 * replaced by an output of its stack and a remote-state read in the other
 * (`Reference.resolve` in cdktf's tfExpression.js is the only code that reads
 * `preparing`). The platform's stacks never do that: the in-cluster stack reads the
 * cloud stack's outputs through a remote state it declares itself.
 *
 * So the platform's synthesis skips the preparing passes and proves, while rendering,
 * that they were not needed: every reference is checked to be resolved in the stack it
 * belongs to, and a cross-stack reference stops synthesis with an error before its stack
 * is written. When the installed cdktf does not look as described (the hooks do not fit),
 * synthesis runs cdktf's own `App.synth()` unchanged.
 */
import { type App, ref, TerraformStack, type IResolvable, type IResolveContext } from "cdktf";

/** Raised when a token of one stack is used in another, which one-pass synthesis cannot render. */
export class CrossStackReferenceError extends Error {
  constructor(identifier: string, from: string, to: string) {
    super(
      `cross-stack reference: ${JSON.stringify(identifier)} of stack ${from} is used in stack ${to}; ` +
        "the platform's stacks exchange values only through outputs and remote state",
    );
    this.name = "CrossStackReferenceError";
  }
}

interface ReferenceInternals {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
}

type Resolve = (this: IResolvable & ReferenceInternals, context: IResolveContext) => unknown;

/**
 * The prototype whose `resolve` cdktf calls for every reference to a resource attribute,
 * if this cdktf is the one described above: `ref(identifier, stack)` returns an object
 * remembering the stack as `originStack`, resolved by a method of its prototype.
 */
function referencePrototype(stack: TerraformStack): { resolve: Resolve } | undefined {
  const probe = ref("probe.one_pass.id", stack) as IResolvable & Partial<ReferenceInternals>;
  const proto = Object.getPrototypeOf(probe) as { resolve?: unknown } | null;
  if (proto === null || typeof proto.resolve !== "function") return undefined;
  if (probe.originStack !== stack || probe.identifier !== "probe.one_pass.id") return undefined;
  if (typeof TerraformStack.prototype.prepareStack !== "function" || typeof TerraformStack.prototype.ensureBackendExists !== "function") return undefined;
  return proto as { resolve: Resolve };
}

/**
 * `app.synth()` without the preparing passes (see the file comment). Throws
 * {@link CrossStackReferenceError} if any stack uses a token of another.
 *
 * @returns whether the preparing passes were skipped
 */
export function synthInOnePass(app: App): boolean {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const proto = stacks[0] === undefined ? undefined : referencePrototype(stacks[0]);
  if (proto === undefined) {
    app.synth();
    return false;
  }
  const resolve = proto.resolve;
  proto.resolve = function (this: IResolvable & ReferenceInternals, context: IResolveContext): unknown {
    const origin = this.originStack;
    if (origin !== undefined) {
      const here = TerraformStack.of(context.scope);
      if (here !== origin) throw new CrossStackReferenceError(this.identifier, origin.node.path, here.node.path);
    }
    return resolve.call(this, context);
  };
  for (const stack of stacks) {
    // An own property shadows TerraformStack.prototype.prepareStack for this synthesis only.
    stack.prepareStack = (): void => {
      stack.ensureBackendExists();
    };
  }
  try {
    app.synth();
  } finally {
    proto.resolve = resolve;
    for (const stack of stacks) delete (stack as { prepareStack?: unknown }).prepareStack;
  }
  return true;
}
