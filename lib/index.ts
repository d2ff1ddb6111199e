/**
 * Public API: the spec (types, loading, validation, JSON Schema), the cloud-neutral
 * contracts, the residency and accelerator catalogs, and the stacks that compose them.
 */
export * from "./spec";
export * as residency from "./residency";
export * as catalog from "./catalog";
export { pinResidency } from "./residency/aspect";
export { synthesizeSpec, synthesizeSpecFile, SynthValidationError, EXIT } from "./cli/synth";
export { addPlatformStacks, PlatformCloudStack, PlatformK8sStack, type TargetStacks, type TargetStackProps } from "../stacks/platform";
