import { describe, expect, it } from 'vitest';
import type { TaskStatus } from './run-state.js';
import { readyTasks, taskLevels, topologicalOrder, unreachableTasks } from './schedule.js';

//   a ─┬─ b ── d
//      └─ c
//   e
const graph = {
  a: { dependencies: [] },
  b: { dependencies: ['a'] },
  c: { dependencies: ['a'] },
  d: { dependencies: ['b'] },
  e: { dependencies: [] },
};
const all = (status: TaskStatus): Record<string, TaskStatus> =>
  Object.fromEntries(Object.keys(graph).map((name) => [name, status]));

describe('schedule', () => {
  it('starts every root at once, then every task whose dependencies succeeded or were cached', () => {
    expect(readyTasks(graph, all('pending'))).toEqual(['a', 'e']);
    expect(readyTasks(graph, { ...all('pending'), a: 'cached', e: 'running' })).toEqual(['b', 'c']);
    expect(
      readyTasks(graph, { ...all('pending'), a: 'succeeded', b: 'running', c: 'running', e: 'succeeded' }),
    ).toEqual([]);
  });

  it('skips everything downstream of a failure, transitively, and nothing else', () => {
    expect(unreachableTasks(graph, { ...all('pending'), a: 'failed' })).toEqual(['b', 'c', 'd']);
    expect(unreachableTasks(graph, { ...all('pending'), a: 'succeeded', b: 'failed' })).toEqual(['d']);
    expect(unreachableTasks(graph, { ...all('pending'), a: 'interrupted' })).toEqual([]);
  });

  it('orders and layers the graph, and names the tasks of a cycle', () => {
    expect(topologicalOrder(graph)).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(taskLevels(graph)).toEqual({ a: 0, e: 0, b: 1, c: 1, d: 2 });
    expect(() =>
      topologicalOrder({ x: { dependencies: ['y'] }, y: { dependencies: ['x'] }, z: { dependencies: [] } }),
    ).toThrow('the task graph has a cycle through: x, y');
  });
});
