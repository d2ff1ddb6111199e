/**
 * Data residency: which cloud locations lie inside which legal territory,
 * and a check that pins a synthesized stack to one.
 */
export {
  AWS_REGIONS,
  COUNTRY_NAMES,
  EU_MEMBER_STATES,
  GCP_REGIONS,
  GCS_DUAL_REGIONS,
  GCS_MULTI_REGIONS,
  JURISDICTIONS,
  JURISDICTION_COUNTRIES,
  JURISDICTION_IDS,
  getJurisdiction,
  isJurisdictionId,
  requireJurisdiction,
  type CountryCode,
  type GcsCompositeLocation,
  type Jurisdiction,
  type JurisdictionId,
  type RegionFact,
} from "./jurisdictions";
export {
  AWS_AZ_ID_PREFIXES,
  classifyLocation,
  isRegionInJurisdiction,
  jurisdictionsOfLocation,
  jurisdictionsOfRegion,
  resolveCustomDualRegion,
  resolveLocation,
  type LocationClass,
  type LocationKind,
  type ResolvedLocation,
} from "./locations";
export {
  LOCATION_KEYS,
  MIN_EXEMPTION_REASON_LENGTH,
  RESIDENCY_EXEMPTION_KEY,
  checkResidency,
  residencyExemptions,
  describeLocation,
  formatResidencyViolation,
  formatResidencyViolations,
  type ResidencyCheckOptions,
  type ResidencyExemption,
  type ResidencyViolation,
} from "./pinning";
export { pinResidency, pinnedJurisdictions } from "./aspect";
export { exemptFromResidency } from "./exempt";
