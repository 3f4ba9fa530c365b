import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  type BatchImportFindingsCommandOutput,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { GarrisonError } from '../errors.js';

/** BatchImportFindings takes at most 100 findings per call. */
const BATCH = 100;

export interface ImportResult {
  imported: number;
  /** Findings Security Hub refused, with its reason. */
  failed: { id: string; code: string; message: string }[];
}

/** Imports ASFF findings into Security Hub in batches of 100; refused findings are counted with their reason. */
export async function importToSecurityHub(
  clients: AwsClients,
  findings: readonly Record<string, unknown>[],
  region?: string,
): Promise<ImportResult> {
  const client = clients.client(SecurityHubClient, region);
  const result: ImportResult = { imported: 0, failed: [] };
  for (let at = 0; at < findings.length; at += BATCH) {
    const batch = findings.slice(at, at + BATCH) as unknown as AwsSecurityFinding[];
    let answer: BatchImportFindingsCommandOutput;
    try {
      answer = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
    } catch (error) {
      throw new GarrisonError('aws', `Security Hub BatchImportFindings failed: ${(error as Error).message}`, {
        cause: error,
        hint: 'Security Hub must be enabled in the region (securityhub:EnableSecurityHub) and the caller allowed securityhub:BatchImportFindings',
      });
    }
    result.imported += answer.SuccessCount ?? 0;
    for (const failed of answer.FailedFindings ?? [])
      result.failed.push({
        id: failed.Id ?? '?',
        code: failed.ErrorCode ?? '?',
        message: failed.ErrorMessage ?? '',
      });
  }
  return result;
}
