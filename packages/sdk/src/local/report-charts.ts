// The two pictures of the run report: the DAG (SVG) and the Gantt timeline (positioned bars).
import type { RunState, TaskStatus } from './run-state.js';
import { taskLevels } from './schedule.js';

export const STATUS_COLOURS: Readonly<Record<TaskStatus, string>> = {
  pending: '#c3c9d0',
  running: '#e0a526',
  succeeded: '#2e9d5b',
  cached: '#3b7fc4',
  failed: '#d9443c',
  skipped: '#8d96a0',
  interrupted: '#e07b26',
};

const NODE_WIDTH = 190;
const NODE_HEIGHT = 46;
const COLUMN_GAP = 70;
const ROW_GAP = 22;
const MARGIN = 16;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Tasks laid out in columns by depth, edges from each dependency's right side to the task's left side.
 * `prefix` is the path of the DAG these tasks run in (nested DAGs are drawn one graph each).
 */
export function renderDag(state: Pick<RunState, 'tasks'>, prefix = ''): string {
  const levels = taskLevels(state.tasks);
  const columns: string[][] = [];
  for (const name of Object.keys(state.tasks).sort()) (columns[levels[name] ?? 0] ??= []).push(name);
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((names, column) =>
    names.forEach((name, row) =>
      position.set(name, {
        x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP),
        y: MARGIN + row * (NODE_HEIGHT + ROW_GAP),
      }),
    ),
  );
  const width = MARGIN * 2 + columns.length * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  const height =
    MARGIN * 2 + Math.max(...columns.map((names) => names.length)) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  const edges = Object.entries(state.tasks).flatMap(([name, record]) =>
    record.dependencies.map((dependency) => {
      const from = position.get(dependency);
      const to = position.get(name);
      if (!from || !to) return '';
      const [x1, y1, x2, y2] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2, to.x, to.y + NODE_HEIGHT / 2];
      const middle = (x1 + x2) / 2;
      return `<path class="edge" d="M${x1},${y1} C${middle},${y1} ${middle},${y2} ${x2 - 6},${y2}" marker-end="url(#arrow)"/>`;
    }),
  );
  const nodes = Object.entries(state.tasks).map(([name, record]) => {
    const { x, y } = position.get(name) ?? { x: 0, y: 0 };
    const label = name.length > 24 ? `${name.slice(0, 23)}…` : name;
    const path = prefix ? `${prefix}/${name}` : name;
    return (
      `<g class="node${record.kind ? ' group' : ''}" data-task="${escapeHtml(path)}" data-status="${record.status}" tabindex="0">` +
      `<title>${escapeHtml(path)}: ${record.status}${record.kind ? ` (${record.kind})` : ''}</title>` +
      `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${STATUS_COLOURS[record.status]}"/>` +
      `<text x="${x + 10}" y="${y + 19}" class="node-name">${escapeHtml(label)}</text>` +
      `<text x="${x + 10}" y="${y + 36}" class="node-status">${record.status}${record.attempts > 1 ? ` · ${record.attempts} attempts` : ''}</text></g>`
    );
  });
  return (
    `<svg class="dag" role="img" aria-label="pipeline graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="4" refY="5" markerWidth="7" markerHeight="7" orient="auto">' +
    '<path d="M0,0 L10,5 L0,10 z" fill="#6b7580"/></marker></defs>' +
    `${edges.join('')}${nodes.join('')}</svg>`
  );
}

/** One row per task that ran; bars positioned by start/end relative to the run, cache hits hatched. */
export function renderGantt(state: RunState): string {
  const timed = Object.entries(state.tasks).filter(([, record]) => record.startedAt && record.endedAt);
  if (timed.length === 0) return '<p class="empty">No task ran in this run.</p>';
  const starts = timed.map(([, record]) => Date.parse(record.startedAt ?? ''));
  const ends = timed.map(([, record]) => Date.parse(record.endedAt ?? ''));
  const origin = Math.min(...starts);
  const span = Math.max(1, Math.max(...ends) - origin);
  const rows = treeOrder(timed).map(([name, record]) => {
    const start = Date.parse(record.startedAt ?? '') - origin;
    const duration = Date.parse(record.endedAt ?? '') - origin - start;
    const left = (start / span) * 100;
    const width = Math.max(0.4, (duration / span) * 100);
    const label = record.cacheHit ? 'cached' : formatDuration(duration);
    return (
      `<div class="gantt-row${record.kind ? ' group' : ''}" data-task="${escapeHtml(name)}"><span class="gantt-label" style="padding-left:${depthOf(record, timed) * 12}px">${escapeHtml(name.split('/').pop() ?? name)}</span>` +
      `<span class="gantt-track"><span class="gantt-bar status-${record.status}${record.cacheHit ? ' cache-hit' : ''}${record.kind ? ' group' : ''}" ` +
      `style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" title="${escapeHtml(`${name}: ${record.status}, ${formatDuration(duration)}`)}">` +
      `</span>${ganttLabel(left, width, label)}</span></div>`
    );
  });
  return `<div class="gantt">${rows.join('')}<div class="gantt-axis"><span>0s</span><span>${formatDuration(span)}</span></div></div>`;
}

type Entry = [string, RunState['tasks'][string]];

/** Each DAG's tasks right below it, siblings by start time: the timeline reads as the nesting. */
function treeOrder(entries: readonly Entry[]): Entry[] {
  const byStart = (a: Entry, b: Entry) => Date.parse(a[1].startedAt ?? '') - Date.parse(b[1].startedAt ?? '');
  const children = (parent: string | undefined): Entry[] =>
    entries.filter(([, record]) => record.parent === parent).sort(byStart);
  const walk = (parent: string | undefined): Entry[] =>
    children(parent).flatMap((entry) => [entry, ...walk(entry[0])]);
  const ordered = walk(undefined);
  return [...ordered, ...entries.filter((entry) => !ordered.includes(entry))];
}

function depthOf(record: RunState['tasks'][string], entries: readonly Entry[]): number {
  let depth = 0;
  for (let parent = record.parent; parent && depth < 50; depth++) {
    parent = entries.find(([name]) => name === parent)?.[1].parent;
  }
  return depth;
}

/** The root graph, then one graph per nested DAG (block, nested pipeline, loop iteration), in tree order. */
export function renderGraphs(state: RunState): string {
  const levelOf = (parent: string | undefined) =>
    Object.fromEntries(
      Object.entries(state.tasks)
        .filter(([, record]) => record.parent === parent)
        .map(([path, record]) => [parent ? path.slice(parent.length + 1) : path, record]),
    );
  const nested = Object.entries(state.tasks)
    .filter(([, record]) => record.kind && record.kind !== 'loop')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, record]) => {
      const tasks = levelOf(path);
      if (Object.keys(tasks).length === 0) return '';
      return `<details class="subgraph" data-dag="${escapeHtml(path)}"><summary>${escapeHtml(path)} <span class="badge status-${record.status}">${record.status}</span></summary><div class="scroll">${renderDag({ tasks }, path)}</div></details>`;
    });
  return `<div class="scroll">${renderDag({ tasks: levelOf(undefined) })}</div>${nested.join('')}`;
}

/** The duration label sits right of its bar, or inside the bar's end when the bar reaches the right edge. */
function ganttLabel(left: number, width: number, label: string): string {
  const end = left + width;
  return end > 85
    ? `<span class="gantt-text inside" style="right:${(100 - end).toFixed(3)}%">${label}</span>`
    : `<span class="gantt-text" style="left:${end.toFixed(3)}%">${label}</span>`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
