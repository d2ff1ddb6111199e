import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import type { Construct } from "constructs";
import type { GcpTarget, PlatformSpec } from "../spec/schema";
import { platformLabels } from "../spec/naming";

/**
 * The Google provider of a cloud stack: pinned to the target project and region,
 * labelling every resource with the platform labels.
 */
export function createGoogleProvider(scope: Construct, spec: PlatformSpec, target: GcpTarget): GoogleProvider {
  return new GoogleProvider(scope, "google", {
    project: target.project,
    region: target.region,
    defaultLabels: platformLabels(spec),
    addTerraformAttributionLabel: false,
  });
}
