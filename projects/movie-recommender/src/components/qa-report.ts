import type { QaCheck, QaTables, TableName } from './qa-types.js';

const cell = (value: string): string => value.replaceAll('|', '\\|');

/** The QA result as Markdown: one row per object, then one row per check. */
export function qaReport(bucket: string, tables: QaTables, checks: readonly QaCheck[]): string {
  const failed = checks.filter((c) => !c.ok).length;
  const lines = [
    `# ml-25m QA: ${failed === 0 ? 'passed' : `${failed} of ${checks.length} checks failed`}`,
    '',
    '| object | rows | bytes | columns (Arrow types) |',
    '|---|---:|---:|---|',
  ];
  for (const name of Object.keys(tables) as TableName[]) {
    const t = tables[name];
    const columns = t.columns?.map((c) => `${c.name}: ${c.type}`).join(', ');
    const status = !t.exists ? 'missing' : (t.error ?? columns ?? '');
    lines.push(
      `| ${cell(`${bucket}/${t.key}`)} | ${t.rows?.toLocaleString('en-US') ?? '—'} | ${t.bytes?.toLocaleString('en-US') ?? '—'} | ${cell(status)} |`,
    );
  }
  lines.push('', '| check | result | detail |', '|---|---|---|');
  for (const c of checks) lines.push(`| ${cell(c.name)} | ${c.ok ? 'ok' : 'FAILED'} | ${cell(c.detail)} |`);
  return `${lines.join('\n')}\n`;
}
