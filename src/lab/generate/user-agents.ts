/**
 * User agents as they appear in CloudTrail, by the kind of client. S3 writes its user agent
 * in brackets (`[aws-cli/2.15.30 ...]`); every other service writes it as sent.
 */
import type { Prng } from './prng.js';

const CLI_VERSIONS = ['2.15.30', '2.17.18', '2.18.4', '2.22.9', '2.24.1'];
const PYTHONS = ['3.11.8', '3.12.6'];
const BOTO = [
  ['1.34.69', '1.34.69'],
  ['1.35.36', '1.35.36'],
  ['1.35.90', '1.35.90'],
];

export const CONSOLE_BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0',
];

/** The AWS CLI v2 on a person's laptop, calling `service.operation`. */
export function cliAgent(prng: Prng, command: string, os: 'macos' | 'linux' | 'windows' = 'macos'): string {
  const v = prng.pick(CLI_VERSIONS);
  const py = prng.pick(PYTHONS);
  const platform =
    os === 'macos'
      ? 'os/macos#23.6.0 md/arch#arm64'
      : os === 'linux'
        ? 'os/linux#6.8.0-49-generic md/arch#x86_64'
        : 'os/windows#10 md/arch#amd64';
  return `aws-cli/${v} md/awscrt#0.19.19 ua/2.0 ${platform} lang/python#${py} md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#${command}`;
}

/** boto3 in an application (on EC2, ECS or Lambda). */
export function botoAgent(prng: Prng, exec = 'AWS_ECS_EC2'): string {
  const [boto3, botocore] = prng.pick(BOTO) as string[];
  return `Boto3/${boto3} md/Botocore#${botocore} ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/${exec} cfg/retry-mode#legacy Botocore/${botocore}`;
}

/** The AWS SDK for JavaScript v3 in a Node.js service. */
export function sdkJsAgent(prng: Prng, client: string): string {
  const v = prng.pick(['3.637.0', '3.687.0', '3.714.0']);
  return `aws-sdk-js/${v} ua/2.1 os/linux#5.10.227-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/${client}#${v} m/E`;
}

/** Terraform's AWS provider (Go SDK v2) in a CI pipeline. */
export function terraformAgent(api: string): string {
  return `APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.187.0 m/E`;
}

/** What an attacker's Kali box sends: the AWS CLI on a Kali kernel (GuardDuty's PenTest:IAMUser/KaliLinux). */
export function kaliCliAgent(command: string): string {
  return `aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.11.2-amd64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/kali cfg/retry-mode#standard md/installer#source md/distrib#kali.2024 md/prompt#off md/command#${command}`;
}

/** The bracketed form S3 uses in its records. */
export function s3Agent(agent: string): string {
  return `[${agent}]`;
}
