export * from "./clouds";
export * from "./schema";
export { SpecValidationError, formatProblems, type SpecProblem } from "./problems";
export * from "./validate";
export * from "./load";
export * from "./contracts";
export { cloudStackName, k8sStackName, platformLabels } from "./naming";
export * from "./json-schema";
export { parseIpv4Cidr, cidrsOverlap, cidrWithin, subnetCidr, type Ipv4Cidr } from "./cidr";
