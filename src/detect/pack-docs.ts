import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { loadPack } from './pack.js';
import {
  CIS_CONTROLS,
  type CoverageItem,
  GUARDDUTY_TYPES,
  STRATUS_AWS_TECHNIQUES,
} from './rules/coverage.js';
import type { DetectionMeta } from './rules/metadata.js';
import { STATEFUL_DETECTIONS } from './stateful/index.js';

/**
 * docs/detections.md, generated from the detections' metadata (never edited by hand; a test fails
 * when it is stale). Regenerate: `npm run build && node dist/src/detect/pack-docs.js`.
 */
interface Documented {
  meta: DetectionMeta;
  logic: 'Sigma' | 'predicate' | 'stateful';
  file: string;
}

function documented(): Documented[] {
  const pack: Documented[] = loadPack().map((d) => ({
    meta: d.meta,
    logic: d.predicate ? 'predicate' : 'Sigma',
    file: d.file.replace(/rule\.ts$/, ''),
  }));
  const stateful: Documented[] = STATEFUL_DETECTIONS.map((d) => ({
    meta: d.meta,
    logic: 'stateful',
    file: 'src/detect/stateful/',
  }));
  return [...pack, ...stateful].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ids = (list: string[]) => list.map((id) => `\`${id}\``).join(', ');

function coverageTable(
  title: string,
  items: readonly CoverageItem[],
  claims: (m: DetectionMeta) => string[],
  all: Documented[],
): string {
  const rows = items.map((item) => {
    const by = all.filter((d) => claims(d.meta).includes(item.id)).map((d) => d.meta.id);
    const stateful = item.stateful && !by.includes(item.stateful) ? [item.stateful] : [];
    const detections = [...by, ...stateful];
    const note = item.reason ? `${detections.length ? 'partly; ' : 'not visible: '}${item.reason}` : '';
    return `| ${cell(item.id)} | ${detections.length ? ids(detections) : '—'} | ${cell(note)} |`;
  });
  return [`### ${title}`, '', '| Item | Detections | Note |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

export function renderDetectionsDoc(): string {
  const all = documented();
  const count = (logic: Documented['logic']) => all.filter((d) => d.logic === logic).length;
  const out: string[] = [
    '# Detections',
    '',
    '<!-- Generated from the detections\u2019 metadata by src/detect/pack-docs.ts: do not edit by hand. -->',
    '',
    `garrison ships ${all.length} detections: ${count('Sigma')} written as Sigma, ${count('predicate')} as TypeScript predicates ` +
      `(logic Sigma cannot express: parsing policy documents, comparing accounts, port ranges) and ${count('stateful')} ` +
      'stateful detections over the time-ordered stream (bounded memory). Each built-in rule lives in ' +
      '`src/detect/rules/<id>/` with its metadata, its logic and realistic positive and negative CloudTrail events.',
    '',
    '## Coverage',
    '',
    coverageTable('Stratus Red Team AWS techniques', STRATUS_AWS_TECHNIQUES, (m) => m.stratus, all),
    coverageTable('CIS / Security Hub CloudWatch metric-filter controls', CIS_CONTROLS, (m) => m.cis, all),
    coverageTable(
      'GuardDuty finding types fed by CloudTrail management events',
      GUARDDUTY_TYPES,
      (m) => m.guardduty,
      all,
    ),
    '## Detections',
    '',
    '| Id | Severity | Logic | Title |',
    '| --- | --- | --- | --- |',
    ...all.map(
      (d) =>
        `| [\`${d.meta.id}\`](#${d.meta.id}) | ${d.meta.severity} | ${d.logic} | ${cell(d.meta.title)} |`,
    ),
    '',
  ];
  for (const { meta, logic, file } of all) {
    out.push(
      `### ${meta.id}`,
      '',
      `**${meta.title}** — ${meta.severity}, ${logic} (\`${file}\`)`,
      '',
      meta.description,
      '',
    );
    const facts: [string, string[]][] = [
      ['MITRE ATT&CK', meta.mitre],
      ['Stratus Red Team', meta.stratus],
      ['GuardDuty', meta.guardduty],
      ['CIS', meta.cis],
    ];
    for (const [label, list] of facts) if (list.length) out.push(`- ${label}: ${ids(list)}`);
    out.push(`- Suggested playbook: \`${meta.playbook}\``);
    out.push(`- False positives: ${meta.falsePositives.join('; ')}`);
    if (meta.eventNames && logic !== 'Sigma') out.push(`- Event names: ${ids(meta.eventNames)}`);
    out.push('');
    if (meta.detection)
      out.push(
        '```yaml',
        `detection:\n${stringify(meta.detection).replace(/^/gm, '  ').trimEnd()}`,
        '```',
        '',
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export const DOC_PATH = fileURLToPath(new URL('../../../docs/detections.md', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(DOC_PATH, renderDetectionsDoc());
}
