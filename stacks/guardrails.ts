/**
 * The `<name>-guardrails` stack: the clouds' own residency enforcement, applied with
 * organization-management rights (not the platform deployers'):
 *
 * - AWS: a service control policy denying requests outside the jurisdiction's regions,
 *   attached to `guardrails.aws.targetId`;
 * - GCP: a `gcp.resourceLocations` organization policy on `guardrails.gcp.parent`.
 *
 * It has its own providers (no project, account or default tags of the platform) and its
 * own state, and is synthesized only when the spec has `guardrails`.
 */
import type * as AwsProviderModule from "@cdktf/provider-aws/lib/provider";
import type * as GoogleProviderModule from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type * as AwsGuardrail from "../lib/aws/guardrail";
import type * as GcpGuardrail from "../lib/gcp/guardrail";
import { pinResidency } from "../lib/residency/aspect";
import { requireJurisdiction } from "../lib/residency";
import { guardrailsStackName } from "../lib/spec/naming";
import type { GuardrailsSpec, PlatformSpec } from "../lib/spec/schema";
import { configureBackend } from "./backend";

// A cloud's provider classes load only when the spec has a guardrail on that cloud.
const loadAws = () => ({
  ...(require("@cdktf/provider-aws/lib/provider") as typeof AwsProviderModule),
  ...(require("../lib/aws/guardrail") as typeof AwsGuardrail),
});
const loadGcp = () => ({
  ...(require("@cdktf/provider-google/lib/provider") as typeof GoogleProviderModule),
  ...(require("../lib/gcp/guardrail") as typeof GcpGuardrail),
});

/** Props of {@link GuardrailsStack}. */
export interface GuardrailsStackProps {
  readonly spec: PlatformSpec;
  readonly guardrails: GuardrailsSpec;
}

/** The organization-level residency guardrails of a spec. */
export class GuardrailsStack extends TerraformStack {
  public readonly aws?: AwsGuardrail.AwsRegionGuardrail;
  public readonly gcp?: GcpGuardrail.GcpResourceLocationsGuardrail;

  constructor(scope: Construct, id: string, props: GuardrailsStackProps) {
    super(scope, id);
    const { spec, guardrails } = props;
    const jurisdiction = requireJurisdiction(spec.residency);
    configureBackend(this, spec, id);

    if (guardrails.aws !== undefined) {
      // AWS Organizations is a global service; its API is called in whichever region the
      // provider names, so the provider is pinned inside the jurisdiction like any other.
      const { AwsProvider, AwsRegionGuardrail } = loadAws();
      const region = spec.targets.find((t) => t.cloud === "aws")?.region ?? jurisdiction.aws.regions[0]!;
      new AwsProvider(this, "aws", {
        region,
        ...(guardrails.aws.managementAccountId === undefined ? {} : { allowedAccountIds: [guardrails.aws.managementAccountId] }),
      });
      this.aws = new AwsRegionGuardrail(this, "AwsRegionDeny", {
        name: spec.name,
        regions: jurisdiction.aws.regions,
        targetId: guardrails.aws.targetId,
        jurisdiction: jurisdiction.name,
      });
    }
    if (guardrails.gcp !== undefined) {
      const { GoogleProvider, GcpResourceLocationsGuardrail } = loadGcp();
      const region = spec.targets.find((t) => t.cloud === "gcp")?.region ?? jurisdiction.gcp.regions[0]!;
      new GoogleProvider(this, "google", { region, addTerraformAttributionLabel: false });
      this.gcp = new GcpResourceLocationsGuardrail(this, "GcpResourceLocations", {
        parent: guardrails.gcp.parent,
        regions: jurisdiction.gcp.regions,
      });
    }
    pinResidency(this, spec.residency);
  }
}

/** Adds the guardrails stack when the spec asks for guardrails; returns it, or undefined. */
export function addGuardrailsStack(app: Construct, spec: PlatformSpec): GuardrailsStack | undefined {
  if (spec.guardrails === undefined) return undefined;
  return new GuardrailsStack(app, guardrailsStackName(spec), { spec, guardrails: spec.guardrails });
}
