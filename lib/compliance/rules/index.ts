/**
 * Every rule of the review, one per file under rules/<provider>/.
 */
import type { Rule } from "../model";
import { DefaultSecurityGroupNoRules } from "./aws/DefaultSecurityGroupNoRules";
import { EksAccessEntriesAuth } from "./aws/EksAccessEntriesAuth";
import { EksControlPlaneLogging } from "./aws/EksControlPlaneLogging";
import { EksGpuNodeGroupTaint } from "./aws/EksGpuNodeGroupTaint";
import { EksNodeGroupPrivateSubnets } from "./aws/EksNodeGroupPrivateSubnets";
import { EksPrivateEndpoint } from "./aws/EksPrivateEndpoint";
import { EksSecretsEncryption } from "./aws/EksSecretsEncryption";
import { IamNoAdministratorAccess } from "./aws/IamNoAdministratorAccess";
import { IamPolicyNoNotActionAllow } from "./aws/IamPolicyNoNotActionAllow";
import { IamPolicyNoDataActionsOnAnyResource } from "./aws/IamPolicyNoDataActionsOnAnyResource";
import { IamPolicyNoPassRoleOnAny } from "./aws/IamPolicyNoPassRoleOnAny";
import { IamPolicyNoWildcardAction } from "./aws/IamPolicyNoWildcardAction";
import { IamRoleTrustNotPublic } from "./aws/IamRoleTrustNotPublic";
import { KmsKeyDeletionWindow } from "./aws/KmsKeyDeletionWindow";
import { KmsKeyPolicyNoWildcardPrincipal } from "./aws/KmsKeyPolicyNoWildcardPrincipal";
import { KmsKeyRotation } from "./aws/KmsKeyRotation";
import { LaunchTemplateEbsEncrypted } from "./aws/LaunchTemplateEbsEncrypted";
import { LaunchTemplateHopLimit } from "./aws/LaunchTemplateHopLimit";
import { LaunchTemplateImdsv2 } from "./aws/LaunchTemplateImdsv2";
import { LogGroupKms } from "./aws/LogGroupKms";
import { LogGroupRetention } from "./aws/LogGroupRetention";
import { S3BucketAccessLogging } from "./aws/S3BucketAccessLogging";
import { S3BucketKmsEncryption } from "./aws/S3BucketKmsEncryption";
import { S3BucketLifecycle } from "./aws/S3BucketLifecycle";
import { S3BucketNoPublicAcl } from "./aws/S3BucketNoPublicAcl";
import { S3BucketOwnershipEnforced } from "./aws/S3BucketOwnershipEnforced";
import { S3BucketPolicyNoPublicPrincipal } from "./aws/S3BucketPolicyNoPublicPrincipal";
import { S3BucketPublicAccessBlock } from "./aws/S3BucketPublicAccessBlock";
import { S3BucketTlsOnly } from "./aws/S3BucketTlsOnly";
import { S3BucketVersioning } from "./aws/S3BucketVersioning";
import { S3RegistryObjectLock } from "./aws/S3RegistryObjectLock";
import { SecurityGroupNoPublicIngress } from "./aws/SecurityGroupNoPublicIngress";
import { SubnetNoPublicIp } from "./aws/SubnetNoPublicIp";
import { VpcFlowLogs } from "./aws/VpcFlowLogs";
import { BigQueryDatasetCmek } from "./gcp/BigQueryDatasetCmek";
import { BigQueryDatasetNotPublic } from "./gcp/BigQueryDatasetNotPublic";
import { CloudKmsPreventDestroy } from "./gcp/CloudKmsPreventDestroy";
import { CloudKmsRotation } from "./gcp/CloudKmsRotation";
import { GcpFirewallNoPublicIngress } from "./gcp/GcpFirewallNoPublicIngress";
import { GcpNetworkNoAutoSubnets } from "./gcp/GcpNetworkNoAutoSubnets";
import { GcpNoPrimitiveRoles } from "./gcp/GcpNoPrimitiveRoles";
import { GcpNoPublicMembers } from "./gcp/GcpNoPublicMembers";
import { GcpSubnetFlowLogs } from "./gcp/GcpSubnetFlowLogs";
import { GcpSubnetPrivateGoogleAccess } from "./gcp/GcpSubnetPrivateGoogleAccess";
import { GcsAccessLogging } from "./gcp/GcsAccessLogging";
import { GcsCmek } from "./gcp/GcsCmek";
import { GcsPublicAccessPrevention } from "./gcp/GcsPublicAccessPrevention";
import { GcsRegistryRetention } from "./gcp/GcsRegistryRetention";
import { GcsUniformAccess } from "./gcp/GcsUniformAccess";
import { GcsVersioning } from "./gcp/GcsVersioning";
import { GkeAuthorizedNetworksNotOpen } from "./gcp/GkeAuthorizedNetworksNotOpen";
import { GkeClientCertificateDisabled } from "./gcp/GkeClientCertificateDisabled";
import { GkeDeletionProtection } from "./gcp/GkeDeletionProtection";
import { GkeGpuNodePoolTaint } from "./gcp/GkeGpuNodePoolTaint";
import { GkeLegacyAbacDisabled } from "./gcp/GkeLegacyAbacDisabled";
import { GkeNetworkPolicy } from "./gcp/GkeNetworkPolicy";
import { GkeNodeAutoRepairUpgrade } from "./gcp/GkeNodeAutoRepairUpgrade";
import { GkeNodeBootDiskCmek } from "./gcp/GkeNodeBootDiskCmek";
import { GkeNodeMetadataServer } from "./gcp/GkeNodeMetadataServer";
import { GkeNodeNotDefaultServiceAccount } from "./gcp/GkeNodeNotDefaultServiceAccount";
import { GkeNodeShieldedInstance } from "./gcp/GkeNodeShieldedInstance";
import { GkePrivateEndpoint } from "./gcp/GkePrivateEndpoint";
import { GkePrivateNodes } from "./gcp/GkePrivateNodes";
import { GkeReleaseChannel } from "./gcp/GkeReleaseChannel";
import { GkeSecretsEncryption } from "./gcp/GkeSecretsEncryption";
import { GkeShieldedNodes } from "./gcp/GkeShieldedNodes";
import { GkeWorkloadIdentity } from "./gcp/GkeWorkloadIdentity";
import { NamespaceDefaultDenyNetworkPolicy } from "./kubernetes/NamespaceDefaultDenyNetworkPolicy";
import { NamespaceDefaultSaNoAutomount } from "./kubernetes/NamespaceDefaultSaNoAutomount";
import { NamespaceGpuQuota } from "./kubernetes/NamespaceGpuQuota";
import { NamespaceResourceQuota } from "./kubernetes/NamespaceResourceQuota";
import { RbacNoDefaultServiceAccountBinding } from "./kubernetes/RbacNoDefaultServiceAccountBinding";
import { RbacNoWildcards } from "./kubernetes/RbacNoWildcards";
import { SuppressionValid } from "./meta/SuppressionValid";
import { ResidencyPinned } from "./residency/ResidencyPinned";
import { compare } from "../json";
import { AlertTopicEncrypted } from "./aws/AlertTopicEncrypted";
import { BudgetAlertsAws } from "./aws/BudgetAlertsAws";
import { AlertPolicyNotifies } from "./gcp/AlertPolicyNotifies";
import { BudgetAlertsGcp } from "./gcp/BudgetAlertsGcp";
import { HelmReleasePinned } from "./kubernetes/HelmReleasePinned";
import { KueueQueueProtectsShare } from "./kubernetes/KueueQueueProtectsShare";

/** AWS rules, in id order. */
export const AWS_RULES: readonly Rule[] = [
  S3BucketKmsEncryption,
  S3BucketVersioning,
  S3BucketPublicAccessBlock,
  S3BucketOwnershipEnforced,
  S3BucketTlsOnly,
  S3BucketAccessLogging,
  S3BucketLifecycle,
  S3BucketNoPublicAcl,
  S3BucketPolicyNoPublicPrincipal,
  S3RegistryObjectLock,
  KmsKeyRotation,
  KmsKeyPolicyNoWildcardPrincipal,
  KmsKeyDeletionWindow,
  EksPrivateEndpoint,
  EksSecretsEncryption,
  EksControlPlaneLogging,
  EksAccessEntriesAuth,
  EksGpuNodeGroupTaint,
  EksNodeGroupPrivateSubnets,
  LaunchTemplateImdsv2,
  LaunchTemplateHopLimit,
  LaunchTemplateEbsEncrypted,
  VpcFlowLogs,
  SubnetNoPublicIp,
  SecurityGroupNoPublicIngress,
  DefaultSecurityGroupNoRules,
  LogGroupKms,
  LogGroupRetention,
  IamPolicyNoWildcardAction,
  IamPolicyNoDataActionsOnAnyResource,
  IamPolicyNoPassRoleOnAny,
  IamRoleTrustNotPublic,
  BudgetAlertsAws,
  AlertTopicEncrypted,
  IamPolicyNoNotActionAllow,
  IamNoAdministratorAccess,
];

/** GCP rules, in id order. */
export const GCP_RULES: readonly Rule[] = [
  GkePrivateNodes,
  GkePrivateEndpoint,
  GkeAuthorizedNetworksNotOpen,
  GkeWorkloadIdentity,
  GkeSecretsEncryption,
  GkeShieldedNodes,
  GkeLegacyAbacDisabled,
  GkeClientCertificateDisabled,
  GkeReleaseChannel,
  GkeDeletionProtection,
  GkeNetworkPolicy,
  GkeNodeMetadataServer,
  GkeNodeShieldedInstance,
  GkeNodeNotDefaultServiceAccount,
  GkeGpuNodePoolTaint,
  GkeNodeAutoRepairUpgrade,
  GkeNodeBootDiskCmek,
  GcsUniformAccess,
  GcsPublicAccessPrevention,
  GcsVersioning,
  GcsCmek,
  GcsAccessLogging,
  GcsRegistryRetention,
  CloudKmsRotation,
  CloudKmsPreventDestroy,
  GcpNetworkNoAutoSubnets,
  GcpSubnetPrivateGoogleAccess,
  GcpSubnetFlowLogs,
  GcpFirewallNoPublicIngress,
  GcpNoPrimitiveRoles,
  GcpNoPublicMembers,
  BigQueryDatasetCmek,
  BigQueryDatasetNotPublic,
  BudgetAlertsGcp,
  AlertPolicyNotifies,
];

/** Kubernetes rules, in id order. */
export const KUBERNETES_RULES: readonly Rule[] = [
  NamespaceResourceQuota,
  NamespaceDefaultDenyNetworkPolicy,
  NamespaceGpuQuota,
  RbacNoWildcards,
  RbacNoDefaultServiceAccountBinding,
  NamespaceDefaultSaNoAutomount,
  HelmReleasePinned,
  KueueQueueProtectsShare,
];

/** Residency rules. */
export const RESIDENCY_RULES: readonly Rule[] = [ResidencyPinned];

/** Rules the engine emits itself. */
export const META_RULES: readonly Rule[] = [SuppressionValid];

/** Every rule, sorted by id. */
export const ALL_RULES: readonly Rule[] = [...AWS_RULES, ...GCP_RULES, ...KUBERNETES_RULES, ...RESIDENCY_RULES, ...META_RULES].sort((a, b) =>
  compare(a.id, b.id),
);

const BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.id, r]));

/** A rule by id. */
export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export {
  AlertPolicyNotifies,
  AlertTopicEncrypted,
  BudgetAlertsAws,
  BudgetAlertsGcp,
  HelmReleasePinned,
  KueueQueueProtectsShare,
  BigQueryDatasetCmek,
  BigQueryDatasetNotPublic,
  CloudKmsPreventDestroy,
  CloudKmsRotation,
  DefaultSecurityGroupNoRules,
  EksAccessEntriesAuth,
  EksControlPlaneLogging,
  EksGpuNodeGroupTaint,
  EksNodeGroupPrivateSubnets,
  EksPrivateEndpoint,
  EksSecretsEncryption,
  GcpFirewallNoPublicIngress,
  GcpNetworkNoAutoSubnets,
  GcpNoPrimitiveRoles,
  GcpNoPublicMembers,
  GcpSubnetFlowLogs,
  GcpSubnetPrivateGoogleAccess,
  GcsAccessLogging,
  GcsCmek,
  GcsPublicAccessPrevention,
  GcsRegistryRetention,
  GcsUniformAccess,
  GcsVersioning,
  GkeAuthorizedNetworksNotOpen,
  GkeClientCertificateDisabled,
  GkeDeletionProtection,
  GkeGpuNodePoolTaint,
  GkeLegacyAbacDisabled,
  GkeNetworkPolicy,
  GkeNodeAutoRepairUpgrade,
  GkeNodeBootDiskCmek,
  GkeNodeMetadataServer,
  GkeNodeNotDefaultServiceAccount,
  GkeNodeShieldedInstance,
  GkePrivateEndpoint,
  GkePrivateNodes,
  GkeReleaseChannel,
  GkeSecretsEncryption,
  GkeShieldedNodes,
  GkeWorkloadIdentity,
  IamNoAdministratorAccess,
  IamPolicyNoDataActionsOnAnyResource,
  IamPolicyNoNotActionAllow,
  IamPolicyNoPassRoleOnAny,
  IamPolicyNoWildcardAction,
  IamRoleTrustNotPublic,
  KmsKeyDeletionWindow,
  KmsKeyPolicyNoWildcardPrincipal,
  KmsKeyRotation,
  LaunchTemplateEbsEncrypted,
  LaunchTemplateHopLimit,
  LaunchTemplateImdsv2,
  LogGroupKms,
  LogGroupRetention,
  NamespaceDefaultDenyNetworkPolicy,
  NamespaceDefaultSaNoAutomount,
  NamespaceGpuQuota,
  NamespaceResourceQuota,
  RbacNoDefaultServiceAccountBinding,
  RbacNoWildcards,
  ResidencyPinned,
  S3BucketAccessLogging,
  S3BucketKmsEncryption,
  S3BucketLifecycle,
  S3BucketNoPublicAcl,
  S3BucketOwnershipEnforced,
  S3BucketPolicyNoPublicPrincipal,
  S3BucketPublicAccessBlock,
  S3BucketTlsOnly,
  S3BucketVersioning,
  S3RegistryObjectLock,
  SecurityGroupNoPublicIngress,
  SubnetNoPublicIp,
  SuppressionValid,
  VpcFlowLogs,
};
