import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import type { Construct } from "constructs";
import type { GcpTarget, PlatformSpec } from "../spec/schema";
import { platformLabels } from "../spec/naming";

/**
 * The Google provider of a cloud stack: pinned to the target project and region,
 * labelling every resource with the platform labels.
 *
 * `default_labels` is written as a raw override: cdktf snake-cases the keys of a
 * provider's map arguments (`cost-center` would become `cost_center`, `managed-by`
 * `managed_by`), which would change the labels the spec asks for.
 */
export function createGoogleProvider(scope: Construct, spec: PlatformSpec, target: GcpTarget): GoogleProvider {
  const provider = new GoogleProvider(scope, "google", {
    project: target.project,
    region: target.region,
    addTerraformAttributionLabel: false,
  });
  provider.addOverride("default_labels", platformLabels(spec));
  return provider;
}
