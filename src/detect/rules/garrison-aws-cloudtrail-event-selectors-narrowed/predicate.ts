import type { CloudTrailRecord } from '../../../trail/record.js';

interface Selector {
  readWriteType?: string;
  includeManagementEvents?: boolean;
  excludeManagementEventSources?: unknown[];
}
interface AdvancedSelector {
  fieldSelectors?: { field?: string; equals?: unknown[]; notEquals?: unknown[] }[];
}

/** True when the new selectors stop the trail from recording every management event. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 'cloudtrail.amazonaws.com' || record.eventName !== 'PutEventSelectors')
    return false;
  const request = record.requestParameters ?? {};
  const basic = request.eventSelectors;
  if (Array.isArray(basic)) {
    const full = (basic as (Selector | null)[]).some(
      (s) =>
        !!s &&
        typeof s === 'object' &&
        s.includeManagementEvents !== false &&
        (s.readWriteType ?? 'All') === 'All' &&
        (s.excludeManagementEventSources ?? []).length === 0,
    );
    return !full;
  }
  const advanced = request.advancedEventSelectors;
  if (Array.isArray(advanced)) {
    const recordsManagement = (advanced as (AdvancedSelector | null)[]).some((s) => {
      const fields = Array.isArray(s?.fieldSelectors) ? (s?.fieldSelectors ?? []) : [];
      const category = fields.find((f) => f?.field === 'eventCategory');
      return (
        Array.isArray(category?.equals) &&
        category.equals.includes('Management') &&
        fields.every(
          (f) => f?.field === 'eventCategory' || !Array.isArray(f?.notEquals) || f.notEquals.length === 0,
        )
      );
    });
    return !recordsManagement;
  }
  return false;
}
