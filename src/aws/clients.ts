import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { GarrisonError } from '../errors.js';
import { VERSION } from '../version.js';

/** Where and as whom garrison talks to AWS. Every field is optional: the SDK's standard chain fills the rest. */
export interface AwsTarget {
  profile?: string | undefined;
  region?: string | undefined;
  /** An explicit endpoint for every service (the local emulator); AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> work too. */
  endpointUrl?: string | undefined;
  /** Act in another account by assuming this role. */
  roleArn?: string | undefined;
  externalId?: string | undefined;
  /** The case this work belongs to: carried in the user agent so CloudTrail shows which case made a call. */
  caseId?: string | undefined;
  /** Attempts per call, adaptive retry (default 8). */
  maxAttempts?: number | undefined;
}

/** The shape shared by every SDK v3 client constructor garrison uses. */
// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors take service-specific config types.
type ClientClass<C> = new (config: any) => C;

const DEFAULT_REGION = 'us-east-1';

/**
 * The one place garrison makes AWS SDK clients: one client per (service, region) for one identity,
 * with adaptive retries, the garrison user agent, the endpoint override and an assumed role if asked.
 */
export class AwsClients {
  readonly target: AwsTarget;
  private readonly cache = new Map<string, unknown>();
  private credentialProvider: AwsCredentialIdentityProvider | undefined;

  constructor(target: AwsTarget = {}) {
    this.target = { ...target };
  }

  /** The region commands act in when none is given: --region, then AWS_REGION / profile, then us-east-1. */
  get defaultRegion(): string {
    return this.target.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
  }

  /** True when calls go to an endpoint other than AWS's own (an emulator or a VPC endpoint). */
  get customEndpoint(): boolean {
    return Boolean(
      this.target.endpointUrl ?? process.env.AWS_ENDPOINT_URL ?? process.env.AWS_ENDPOINT_URL_S3,
    );
  }

  /** A client of the given SDK class for a region, made once and reused. */
  client<C>(Client: ClientClass<C>, region: string = this.defaultRegion): C {
    const key = `${Client.name}|${region}`;
    let client = this.cache.get(key) as C | undefined;
    if (!client) {
      client = new Client(this.clientConfig(region));
      this.cache.set(key, client);
    }
    return client;
  }

  /** The SDK configuration for one region; exposed so tests and mocks see exactly what clients get. */
  clientConfig(region: string): Record<string, unknown> {
    const config: Record<string, unknown> = {
      region,
      credentials: this.credentials(),
      retryMode: 'adaptive',
      maxAttempts: this.target.maxAttempts ?? 8,
      customUserAgent: this.userAgent(),
    };
    if (this.target.endpointUrl) config.endpoint = this.target.endpointUrl;
    // Emulators and most S3-compatible endpoints do not serve virtual-hosted bucket names.
    if (this.customEndpoint) config.forcePathStyle = true;
    return config;
  }

  userAgent(): [string, string][] {
    const agent: [string, string][] = [['garrison', VERSION]];
    if (this.target.caseId) agent.push(['case', this.target.caseId]);
    return agent;
  }

  /**
   * The credential provider: the standard chain (env, profile, SSO, ...), then the role if one is
   * given. The SDK's providers are loaded on the first request, not when garrison starts.
   */
  credentials(): AwsCredentialIdentityProvider {
    if (this.credentialProvider) return this.credentialProvider;
    let made: Promise<AwsCredentialIdentityProvider> | undefined;
    this.credentialProvider = async (props) => {
      made ??= this.provider();
      return (await made)(props);
    };
    return this.credentialProvider;
  }

  private async provider(): Promise<AwsCredentialIdentityProvider> {
    const { fromNodeProviderChain, fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
    const base = fromNodeProviderChain(this.target.profile ? { profile: this.target.profile } : {});
    if (!this.target.roleArn) return base;
    const clientConfig: Record<string, unknown> = { region: this.defaultRegion };
    if (this.target.endpointUrl) clientConfig.endpoint = this.target.endpointUrl;
    return fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: this.target.roleArn,
        RoleSessionName: `garrison-${this.target.caseId ?? 'session'}`.slice(0, 64),
        ...(this.target.externalId ? { ExternalId: this.target.externalId } : {}),
      },
      clientConfig,
    });
  }

  /** The same settings, acting as another role (another account). */
  withRole(roleArn: string, externalId?: string): AwsClients {
    return new AwsClients({ ...this.target, roleArn, externalId });
  }

  /** The same identity, with the case id in the user agent. */
  forCase(caseId: string): AwsClients {
    return new AwsClients({ ...this.target, caseId });
  }

  /** The account id of the identity in use (STS GetCallerIdentity). */
  async accountId(): Promise<string> {
    const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
    const identity = await this.client(STSClient).send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new GarrisonError('aws', 'STS GetCallerIdentity returned no account id');
    return identity.Account;
  }

  /** The regions this account can use: DescribeRegions, keeping those opted in or needing no opt-in. */
  async enabledRegions(): Promise<string[]> {
    const { DescribeRegionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const answer = await this.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (answer.Regions ?? [])
      .filter(
        (r) => !r.OptInStatus || r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in',
      )
      .map((r) => r.RegionName)
      .filter((name): name is string => Boolean(name));
    return regions.sort();
  }
}
