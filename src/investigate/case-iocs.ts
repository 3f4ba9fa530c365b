import type { CaseStore } from '../cases/store.js';
import { type Ioc, IocCollector } from './iocs.js';

/** A case's indicators: those stored in it and those of its findings (IPs, principals, user agents, ARNs). */
export function caseIocs(store: CaseStore, caseId: string): Ioc[] {
  store.cases.get(caseId);
  const collector = new IocCollector();
  for (const stored of store.findings.forCase(caseId)) collector.addFinding(stored.finding);
  const fromFindings = new Map(collector.list().map((i) => [`${i.kind}\u0000${i.value}`, i]));
  const out = new IocCollector();
  for (const i of fromFindings.values()) out.addIoc(i);
  for (const i of store.iocs.forCase(caseId)) {
    const known = fromFindings.get(`${i.kind}\u0000${i.value}`);
    // The same sightings reach a case both ways (a hunt's findings and an iocs run): count them once.
    out.addIoc(known ? { ...i, count: Math.max(0, i.count - known.count) } : i);
  }
  return out.list();
}
