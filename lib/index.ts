/**
 * The spec-driven API: the spec (types, loading, validation, JSON Schema), the
 * cloud-neutral contracts, the residency and accelerator catalogs, and the stacks that
 * compose a whole platform from a spec.
 *
 * Each part's constructs have their own entry point, so an app loads only what it uses:
 * `ai-platform-cdktf/aws`, `ai-platform-cdktf/gcp`, `ai-platform-cdktf/k8s`,
 * `ai-platform-cdktf/compliance` and `ai-platform-cdktf/spec`.
 */
export * from "./spec";
export * as residency from "./residency";
export * as catalog from "./catalog";
export { pinResidency } from "./residency/aspect";
export { exemptFromResidency } from "./residency/exempt";
export { suppress } from "./compliance/suppress";
export { synthesizeSpec, synthesizeSpecFile, SynthValidationError, EXIT } from "./cli/synth";
export { GuardrailsStack, addGuardrailsStack, type GuardrailsStackProps } from "../stacks/guardrails";
export { addPlatformStacks, PlatformCloudStack, PlatformK8sStack, type TargetStacks, type TargetStackProps } from "../stacks/platform";
