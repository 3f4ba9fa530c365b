import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../../trail/record.js';
import type { OutputSink } from './sink.js';
import { fit } from './table.js';
import { RECORD_WRITER, type RecordRow } from './trail-columns.js';
import { createWriter, defaultFormat, type OutputFormat } from './writers.js';

function memorySink(isTerminal = false): OutputSink & { text: () => string } {
  const parts: string[] = [];
  return {
    isTerminal,
    write: async (t) => void parts.push(t),
    close: async () => {},
    text: () => parts.join(''),
  };
}

const hostile: RecordRow = {
  record: {
    eventTime: '2026-03-14T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: 'curl\u001b]8;;http://evil.example/\u0007x\u001b[2J',
    userIdentity: { type: 'IAMUser', userName: '=cmd|/C calc!A0\u202e' },
    requestParameters: { userName: '@SUM(1+1)\u001b[31m' },
    errorCode: 'AccessDenied',
  } as CloudTrailRecord,
  origin: { source: 'logs/x.json', index: 4 },
};

async function render(format: OutputFormat, rows: RecordRow[], terminal = false): Promise<string> {
  const sink = memorySink(terminal);
  const writer = createWriter(format, sink, RECORD_WRITER);
  for (const row of rows) await writer.write(row);
  await writer.end({ files: 1, records: rows.length, matched: rows.length, rejected: 0, errors: [] });
  return sink.text();
}

describe('record writers', () => {
  it('table: fixed columns, hostile text escaped, nothing a terminal would act on', async () => {
    const text = await render('table', [hostile]);
    const [header, row] = text.split('\n');
    assert.match(header!, /^TIME\s+PRINCIPAL\s+SOURCE IP\s+EVENT\s+REGION\s+ERROR$/);
    assert.match(
      row!,
      /^2026-03-14T10:00:00Z\s+=cmd\|\/C calc!A0\\u202e\s+203\.0\.113\.9\s+iam:CreateUser\s+us-east-1\s+AccessDenied$/,
    );
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('csv: header, formula cells defused, JSON parameters quoted, origin kept', async () => {
    const text = await render('csv', [hostile]);
    const lines = text.split('\r\n');
    assert.ok(lines[0]!.startsWith('eventTime,principal,userName,accessKeyId,sourceIPAddress'));
    assert.match(lines[1]!, /,'=cmd\|\/C calc!A0\\u202e,'=cmd/);
    assert.match(text, /"\{""userName"":""@SUM\(1\+1\)\\u001b\[31m""\}"/);
    assert.match(text, /,curl\\x1b\]8;;http:\/\/evil\.example\/\\x07x\\x1b\[2J,/);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.match(lines[1]!, /,logs\/x\.json#4$/);
    assert.equal(await render('csv', []), `${lines[0]}\r\n`);
  });

  it('json: one object with the records and the summary, valid when empty, terminal-safe', async () => {
    const text = await render('json', [hostile, hostile]);
    const parsed = JSON.parse(text);
    assert.equal(parsed.records.length, 2);
    assert.equal(parsed.records[0].userAgent, hostile.record.userAgent);
    assert.deepEqual(parsed.summary, { files: 1, records: 2, matched: 2, rejected: 0, errors: [] });
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.deepEqual(JSON.parse(await render('json', [])).records, []);
  });

  it('ndjson: one raw record per line', async () => {
    const lines = (await render('ndjson', [hostile, hostile])).trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(JSON.parse(lines[1]!), hostile.record);
  });

  it('picks the default format from the output file or the terminal', () => {
    assert.equal(defaultFormat(memorySink(true)), 'table');
    assert.equal(defaultFormat(memorySink(false)), 'ndjson');
    assert.equal(defaultFormat(memorySink(true), 'out.CSV'), 'csv');
    assert.equal(defaultFormat(memorySink(true), 'out.json'), 'json');
    assert.equal(defaultFormat(memorySink(true), 'out.jsonl'), 'ndjson');
  });

  it('fit pads and cuts by code point', () => {
    assert.equal(fit('ab', 4), 'ab  ');
    assert.equal(fit('abcdef', 4), 'abc…');
    assert.equal(fit('🙂🙂🙂', 2), '🙂…');
    assert.equal(fit('arn:aws:sts::111122223333:assumed-role/web/i-0abc', 12, 'end'), '…/web/i-0abc');
  });
});
