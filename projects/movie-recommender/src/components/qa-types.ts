import type { TableSummary } from './stored-table.js';

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];
export type TableName = SplitName | 'movies';
export type QaTables = Readonly<Record<TableName, TableSummary>>;

export interface QaCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}
