import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AwsTarget, PlatformSpec } from "../spec/schema";
import { platformLabels } from "../spec/naming";

/**
 * The AWS provider of a cloud stack: pinned to the target region, tagging every
 * resource with the platform labels, and, when the target names an account,
 * refusing to run against any other.
 */
export function createAwsProvider(scope: Construct, spec: PlatformSpec, target: AwsTarget): AwsProvider {
  return new AwsProvider(scope, "aws", {
    region: target.region,
    allowedAccountIds: target.accountId ? [target.accountId] : undefined,
    defaultTags: [{ tags: platformLabels(spec) }],
  });
}
