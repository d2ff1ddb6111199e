/**
 * Public API: the spec (types, loading, validation, JSON Schema), the cloud-neutral
 * contracts, the residency and accelerator catalogs, each cloud's constructs, the
 * in-cluster layer, the compliance review, and the stacks that compose them.
 */
export * from "./spec";
export * as residency from "./residency";
export * as catalog from "./catalog";
export * as aws from "./aws";
export * as gcp from "./gcp";
export * as k8s from "./k8s";
export * as compliance from "./compliance";
export { pinResidency } from "./residency/aspect";
export { suppress } from "./compliance/suppress";
export { synthesizeSpec, synthesizeSpecFile, SynthValidationError, EXIT } from "./cli/synth";
export { addPlatformStacks, PlatformCloudStack, PlatformK8sStack, type TargetStacks, type TargetStackProps } from "../stacks/platform";
