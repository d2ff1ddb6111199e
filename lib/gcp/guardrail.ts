import { OrgPolicyPolicy } from "@cdktf/provider-google/lib/org-policy-policy";
import { Construct } from "constructs";

/** The list constraint that limits where location-based resources can be created. */
export const RESOURCE_LOCATIONS_CONSTRAINT = "gcp.resourceLocations";

/**
 * The `allowed_values` of a resource-locations policy for a set of regions: the value
 * group `in:<region>-locations` of each region (the region and every zone in it).
 *
 * Google also curates jurisdiction-wide groups (`in:eu-locations`, `in:us-locations`, …),
 * but which locations each contains is Google's to change, and they could not be checked
 * here to match this library's jurisdictions region for region, so the policy lists the
 * jurisdiction's regions one group each: it is exact and changes only when the catalog
 * does. Multi- and dual-regions (GCS `EU`, `EUR4`, …) are not allowed by it: the
 * platform creates nothing in them.
 * https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations
 * ("allowing in:us-east1-locations allows all of the locations that exist within us-east1")
 */
export function resourceLocationValues(regions: readonly string[]): string[] {
  if (regions.length === 0) throw new Error("a resource-locations policy needs at least one region");
  return [...new Set(regions)].sort().map((r) => `in:${r}-locations`);
}

/** Props of {@link GcpResourceLocationsGuardrail}. */
export interface GcpResourceLocationsGuardrailProps {
  /** `organizations/<id>`, `folders/<id>` or `projects/<id>`. */
  readonly parent: string;
  /** The regions resources may be created in (the jurisdiction's GCP regions). */
  readonly regions: readonly string[];
}

/**
 * An organization policy (`google_org_policy_policy`) on `parent` for
 * `constraints/gcp.resourceLocations`, allowing only the jurisdiction's regions. It
 * applies to resources created after it is set, and only to the services that support
 * the constraint ("Resource Locations Supported Services"); global resources (VPC
 * networks, firewall rules) are not affected.
 * https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations
 */
export class GcpResourceLocationsGuardrail extends Construct {
  public readonly resource: OrgPolicyPolicy;

  constructor(scope: Construct, id: string, props: GcpResourceLocationsGuardrailProps) {
    super(scope, id);
    this.resource = new OrgPolicyPolicy(this, "Resource", {
      name: `${props.parent}/policies/${RESOURCE_LOCATIONS_CONSTRAINT}`,
      parent: props.parent,
      spec: { rules: [{ values: { allowedValues: resourceLocationValues(props.regions) } }] },
    });
  }
}
