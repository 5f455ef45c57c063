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

/**
 * The Identity Center regions a typed text picks out: each word must be found in the region's name, place
 * or partition (`eu west`, `ireland`, `gov`); an exact name comes first, then names that start with the text.
 */
export function matchingRegions(query: string): IdentityCenterRegion[] {
  const text = query.trim().toLowerCase();
  const words = text.split(/\s+/).filter(Boolean);
  const rank = (region: IdentityCenterRegion): number =>
    region.name === text ? 0 : region.name.startsWith(text) ? 1 : 2;
  return IDENTITY_CENTER_REGIONS.filter((region) => {
    const searched = `${region.name} ${region.place} ${region.partition}`.toLowerCase();
    return words.every((word) => searched.includes(word));
  }).sort((a, b) => rank(a) - rank(b));
}

export interface CredentialsRegionSources {
  /** `--aws-region`. */
  readonly flag?: string;
  readonly env: { readonly AWS_REGION?: string; readonly AWS_DEFAULT_REGION?: string };
  /** The region the user picked for the account (export dialog), from the program's own state. */
  readonly remembered?: string;
  /** The session's `sso_region`. */
  readonly identityCenterRegion: string;
}

export type CredentialsRegionSource =
  'flag' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'remembered' | 'sso_region';

/**
 * The region the role's credentials are used in (an SSO profile's `region`, the console, `env`, `exec`):
 * `--aws-region`, then AWS_REGION, then AWS_DEFAULT_REGION, then the one remembered for the account, then the
 * Identity Center region. `--region` never counts: it is only ever the Identity Center region.
 */
export function credentialsRegion(sources: CredentialsRegionSources): {
  readonly region: string;
  readonly source: CredentialsRegionSource;
} {
  if (sources.flag) return { region: sources.flag, source: 'flag' };
  if (sources.env.AWS_REGION) return { region: sources.env.AWS_REGION, source: 'AWS_REGION' };
  if (sources.env.AWS_DEFAULT_REGION)
    return { region: sources.env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  if (sources.remembered) return { region: sources.remembered, source: 'remembered' };
  return { region: sources.identityCenterRegion, source: 'sso_region' };
}
