/** Response objects of the v2beta1 API, snake_case as the server sends them; only the fields we read. */

export const RUN_STATES = [
  'RUNTIME_STATE_UNSPECIFIED',
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'SKIPPED',
  'FAILED',
  'CANCELING',
  'CANCELED',
  'PAUSED',
] as const;
export type KfpRunState = (typeof RUN_STATES)[number];

export const TERMINAL_RUN_STATES = ['SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELED'] as const;
export type TerminalRunState = (typeof TERMINAL_RUN_STATES)[number];

export function isTerminalState(state: string | undefined): state is TerminalRunState {
  return (TERMINAL_RUN_STATES as readonly string[]).includes(state ?? '');
}

export interface KfpHealthz {
  /** The backend release, e.g. `2.5.0` (sent by the API server's healthz handler, not in the swagger). */
  readonly tag_name?: string;
  readonly commit_sha?: string;
  readonly multi_user?: boolean;
  readonly pipeline_store?: string;
}

export interface KfpStatus {
  readonly code?: number;
  readonly message?: string;
}

export interface KfpPipeline {
  readonly pipeline_id: string;
  readonly name?: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly namespace?: string;
  readonly created_at?: string;
}

export interface KfpPipelineVersion {
  readonly pipeline_id: string;
  readonly pipeline_version_id: string;
  readonly name?: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly created_at?: string;
  /** The stored spec as the backend re-serialised it (`{pipeline_spec, platform_spec}` with a platform spec). */
  readonly pipeline_spec?: Readonly<Record<string, unknown>>;
}

export const STORAGE_STATES = ['STORAGE_STATE_UNSPECIFIED', 'AVAILABLE', 'ARCHIVED'] as const;
export type StorageState = (typeof STORAGE_STATES)[number];

export interface KfpExperiment {
  readonly experiment_id: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly namespace?: string;
  readonly created_at?: string;
  readonly storage_state?: StorageState;
}

export interface KfpRun {
  readonly run_id: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly experiment_id?: string;
  readonly state?: KfpRunState;
  readonly storage_state?: StorageState;
  readonly service_account?: string;
  readonly pipeline_spec?: Readonly<Record<string, unknown>>;
  readonly created_at?: string;
  readonly finished_at?: string;
  readonly error?: KfpStatus;
  readonly pipeline_version_reference?: {
    readonly pipeline_id?: string;
    readonly pipeline_version_id?: string;
  };
  readonly runtime_config?: {
    readonly parameters?: Record<string, unknown>;
    readonly pipeline_root?: string;
  };
}

/** One page of a list call. */
export interface KfpPage<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
  readonly totalSize?: number;
}

/** Paging and filtering shared by list calls. */
export interface ListOptions {
  readonly pageSize?: number;
  readonly pageToken?: string;
  /** e.g. `created_at desc`. */
  readonly sortBy?: string;
  /** A v2beta1 filter object; sent JSON-encoded. */
  readonly filter?: KfpFilter;
  readonly signal?: AbortSignal;
}

export interface KfpFilter {
  readonly predicates: readonly {
    readonly key: string;
    readonly operation: 'EQUALS' | 'NOT_EQUALS' | 'GREATER_THAN' | 'LESS_THAN' | 'IS_SUBSTRING';
    readonly string_value?: string;
  }[];
}

/** A filter matching one string field exactly. */
export function equalsFilter(key: string, value: string): KfpFilter {
  return { predicates: [{ key, operation: 'EQUALS', string_value: value }] };
}

export interface UploadInput {
  /** The compiled pipeline YAML. */
  readonly yaml: string;
  /** File name sent in the multipart body; must end with .yaml (default `<name>.yaml`). */
  readonly fileName?: string;
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly signal?: AbortSignal;
}

export interface UploadVersionInput extends UploadInput {
  readonly pipelineId: string;
}
