/**
 * Region rules, once for the whole program: what a region name looks like, and the regions where IAM
 * Identity Center runs (botocore's endpoints.json, services `oidc` and `portal.sso`, every partition).
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-eusc';

export interface IdentityCenterRegion {
  readonly name: string;
  readonly partition: Partition;
  readonly place: string;
}

const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** A string shaped like an AWS region (`eu-west-1`, `us-gov-east-1`); says nothing about whether it exists. */
export function isRegionName(text: string): boolean {
  return REGION_NAME.test(text);
}

export const IDENTITY_CENTER_REGIONS: readonly IdentityCenterRegion[] = (
  [
    ['us-east-1', 'aws', 'US East (N. Virginia)'],
    ['us-east-2', 'aws', 'US East (Ohio)'],
    ['us-west-1', 'aws', 'US West (N. California)'],
    ['us-west-2', 'aws', 'US West (Oregon)'],
    ['af-south-1', 'aws', 'Africa (Cape Town)'],
    ['ap-east-1', 'aws', 'Asia Pacific (Hong Kong)'],
    ['ap-east-2', 'aws', 'Asia Pacific (Taipei)'],
    ['ap-northeast-1', 'aws', 'Asia Pacific (Tokyo)'],
    ['ap-northeast-2', 'aws', 'Asia Pacific (Seoul)'],
    ['ap-northeast-3', 'aws', 'Asia Pacific (Osaka)'],
    ['ap-south-1', 'aws', 'Asia Pacific (Mumbai)'],
    ['ap-south-2', 'aws', 'Asia Pacific (Hyderabad)'],
    ['ap-southeast-1', 'aws', 'Asia Pacific (Singapore)'],
    ['ap-southeast-2', 'aws', 'Asia Pacific (Sydney)'],
    ['ap-southeast-3', 'aws', 'Asia Pacific (Jakarta)'],
    ['ap-southeast-4', 'aws', 'Asia Pacific (Melbourne)'],
    ['ap-southeast-5', 'aws', 'Asia Pacific (Malaysia)'],
    ['ap-southeast-6', 'aws', 'Asia Pacific (New Zealand)'],
    ['ap-southeast-7', 'aws', 'Asia Pacific (Thailand)'],
    ['ca-central-1', 'aws', 'Canada (Central)'],
    ['ca-west-1', 'aws', 'Canada West (Calgary)'],
    ['eu-central-1', 'aws', 'Europe (Frankfurt)'],
    ['eu-central-2', 'aws', 'Europe (Zurich)'],
    ['eu-north-1', 'aws', 'Europe (Stockholm)'],
    ['eu-south-1', 'aws', 'Europe (Milan)'],
    ['eu-south-2', 'aws', 'Europe (Spain)'],
    ['eu-west-1', 'aws', 'Europe (Ireland)'],
    ['eu-west-2', 'aws', 'Europe (London)'],
    ['eu-west-3', 'aws', 'Europe (Paris)'],
    ['il-central-1', 'aws', 'Israel (Tel Aviv)'],
    ['me-central-1', 'aws', 'Middle East (UAE)'],
    ['me-south-1', 'aws', 'Middle East (Bahrain)'],
    ['mx-central-1', 'aws', 'Mexico (Central)'],
    ['sa-east-1', 'aws', 'South America (Sao Paulo)'],
    ['cn-north-1', 'aws-cn', 'China (Beijing)'],
    ['cn-northwest-1', 'aws-cn', 'China (Ningxia)'],
    ['us-gov-east-1', 'aws-us-gov', 'AWS GovCloud (US-East)'],
    ['us-gov-west-1', 'aws-us-gov', 'AWS GovCloud (US-West)'],
    ['eusc-de-east-1', 'aws-eusc', 'EU (Germany)'],
  ] as const
).map(([name, partition, place]) => ({ name, partition, place }));

export function identityCenterRegion(name: string): IdentityCenterRegion | undefined {
  return IDENTITY_CENTER_REGIONS.find((region) => region.name === name);
}
