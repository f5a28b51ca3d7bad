// A self-contained report.html per run: inline CSS, JS and SVG, no network.
import { dirname } from 'node:path';
import { createRedactor, redactValue, type Redactor } from '../secrets/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { PipelineSpecModel } from './pipeline-model.js';
import { escapeHtml, formatDuration, renderGantt, renderGraphs, STATUS_COLOURS } from './report-charts.js';
import { gatherReportExtras, type ArtifactPreview, type TaskReportExtras } from './report-data.js';
import type { RunState, TaskRecord } from './run-state.js';
import { noticeLine } from './kubernetes/notice.js';
import { topologicalOrder } from './schedule.js';

/** Writes the report of `state`; every string shown (parameters, errors, logs, previews) is redacted first. */
export async function writeRunReport(
  path: string,
  state: RunState,
  _model?: PipelineSpecModel,
  redact: Redactor = createRedactor(),
): Promise<void> {
  const extras = await gatherReportExtras(dirname(path), state);
  await writeFileAtomic(path, renderRunReport(redactValue(state, redact), redactValue(extras, redact)));
}

export function renderRunReport(state: RunState, extras: Readonly<Record<string, TaskReportExtras>>): string {
  const order = topologicalOrder(state.tasks);
  const counts = Object.values(state.tasks).reduce<Record<string, number>>((acc, record) => {
    acc[record.status] = (acc[record.status] ?? 0) + 1;
    return acc;
  }, {});
  const summary = Object.entries(counts)
    .map(([status, count]) => `<span class="badge status-${status}">${count} ${status}</span>`)
    .join(' ');
  const duration = state.endedAt
    ? formatDuration(Date.parse(state.endedAt) - Date.parse(state.startedAt))
    : 'running';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${state.pipeline} · ${state.runId}`)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(state.pipeline)}</h1>
<p class="meta">run <code id="run-id">${escapeHtml(state.runId)}</code> · <span id="run-status" class="badge status-${state.status}">${state.status}</span> · ${escapeHtml(duration)} · started ${escapeHtml(state.startedAt)}</p>
<p class="summary">${summary}</p>
${parameterTable(state.parameters)}</header>
<section><h2>Graph</h2>${renderGraphs(state)}</section>
<section><h2>Timeline</h2>${renderGantt(state)}</section>
<section><h2>Tasks</h2><p><button type="button" id="toggle-all">Expand all</button></p>
${order.map((name) => taskSection(name, state.tasks[name], extras[name])).join('\n')}</section>
<script>${SCRIPT}</script>
</body></html>
`;
}

function taskSection(
  name: string,
  record: TaskRecord | undefined,
  extras: TaskReportExtras | undefined,
): string {
  if (!record) return '';
  const facts = [
    `status <b>${record.status}</b>`,
    `attempts ${record.attempts}`,
    record.exitCode !== undefined ? `exit code ${record.exitCode}` : '',
    record.startedAt && record.endedAt
      ? formatDuration(Date.parse(record.endedAt) - Date.parse(record.startedAt))
      : '',
    record.cachedFrom ? `cache hit from run ${escapeHtml(record.cachedFrom.runId)}` : '',
  ].filter(Boolean);
  const open = record.status === 'failed' ? ' open' : '';
  return `<details class="task" id="task-${escapeHtml(name)}" data-task="${escapeHtml(name)}" data-status="${record.status}"${open}>
<summary><span class="dot" style="background:${STATUS_COLOURS[record.status]}"></span><span class="task-name">${escapeHtml(name)}</span> <span class="badge status-${record.status}">${record.status}</span></summary>
<p class="facts">${facts.join(' · ')}</p>
${record.error ? `<p class="error">${escapeHtml(record.error)}</p>` : ''}
${record.warnings.map((warning) => `<p class="warning">⚠ ${escapeHtml(warning)}</p>`).join('')}
${record.kubernetes ? `<p class="facts kubernetes">${escapeHtml(noticeLine(record.kubernetes))}</p>` : ''}
${outputTable(record)}
${(extras?.previews ?? []).map(previewHtml).join('\n')}
<h4>Log${extras?.logTruncated ? ' (last 128 KB)' : ''}</h4><pre class="log">${escapeHtml(extras?.log || '(empty)')}</pre>
</details>`;
}

function parameterTable(parameters: RunState['parameters']): string {
  const rows = Object.entries(parameters);
  if (rows.length === 0) return '';
  return `<table class="kv"><caption>Parameters</caption>${rows.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(JSON.stringify(value))}</td></tr>`).join('')}</table>`;
}

function outputTable(record: TaskRecord): string {
  const parameters = Object.entries(record.outputParameters).map(
    ([key, value]) =>
      `<tr><th>${escapeHtml(key)}</th><td class="output-value">${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}</td></tr>`,
  );
  const artifacts = Object.entries(record.artifacts).map(
    ([key, artifact]) =>
      `<tr><th>${escapeHtml(key)}</th><td><code>${escapeHtml(artifact.uri)}</code>${artifact.exists ? '' : ' <em>(not created)</em>'}</td></tr>`,
  );
  if (parameters.length + artifacts.length === 0) return '';
  return `<table class="kv outputs"><caption>Outputs</caption>${parameters.join('')}${artifacts.join('')}</table>`;
}

function previewHtml(preview: ArtifactPreview): string {
  const title = `<h4>${escapeHtml(preview.artifact)}${preview.file !== preview.artifact ? ` / ${escapeHtml(preview.file)}` : ''}</h4>`;
  if (preview.kind === 'text') return `${title}<pre class="preview">${escapeHtml(preview.text)}</pre>`;
  const head = preview.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = preview.rows
    .map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`)
    .join('');
  return `${title}<div class="scroll"><table class="preview-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#1f2933;background:#fafbfc}
h1{margin:0 0 4px;font-size:22px}h2{font-size:17px;border-bottom:1px solid #dde2e7;padding-bottom:4px}h4{margin:12px 0 4px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}.meta,.facts{color:#52606d}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;background:#8d96a0}
${Object.entries(STATUS_COLOURS)
  .map(([status, colour]) => `.status-${status}{background:${colour}}`)
  .join('')}
.scroll{overflow-x:auto}.dag .edge{fill:none;stroke:#6b7580;stroke-width:1.5}.dag .node{cursor:pointer}
.dag .node-name{fill:#fff;font-weight:600;font-size:13px}.dag .node-status{fill:#fff;font-size:11px;opacity:.9}
.gantt-row{display:flex;align-items:center;height:24px}.gantt-label{width:200px;flex:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;padding-right:8px}
.gantt-track{position:relative;flex:1;height:16px;background:#eef1f4;border-radius:3px}
.gantt-bar{position:absolute;top:0;height:16px;border-radius:3px}.gantt-text{position:absolute;top:0;font-size:11px;padding:0 4px;color:#52606d}.gantt-text.inside{color:#fff}
.gantt-bar.group{opacity:.45}.dag .node.group rect{stroke:#1f2933;stroke-dasharray:4 3}details.subgraph{margin:6px 0 6px 12px}
.cache-hit{background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.45) 0 4px,transparent 4px 8px)}
.gantt-axis{display:flex;justify-content:space-between;margin-left:200px;color:#7b8794;font-size:11px}
details.task{background:#fff;border:1px solid #dde2e7;border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer}.task-name{font-weight:600}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}
pre{background:#1f2933;color:#e4e7eb;padding:10px;border-radius:4px;overflow:auto;max-height:360px;font-size:12px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #dde2e7;padding:3px 8px;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:4px 0}.error{color:#b42318;font-weight:600}.warning{color:#9a5b00}
`;

const SCRIPT = `
document.documentElement.setAttribute('data-report-ready', 'true');
document.querySelectorAll('.node').forEach(function (node) {
  node.addEventListener('click', function () {
    var section = document.getElementById('task-' + node.getAttribute('data-task'));
    if (section) { section.open = true; section.scrollIntoView({ behavior: 'smooth' }); }
  });
});
var toggle = document.getElementById('toggle-all');
toggle.addEventListener('click', function () {
  var open = toggle.textContent === 'Expand all';
  document.querySelectorAll('details.task').forEach(function (d) { d.open = open; });
  toggle.textContent = open ? 'Collapse all' : 'Expand all';
});
`;
