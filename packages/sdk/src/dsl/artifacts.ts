/** Artifact kinds and the IR `schemaTitle` each compiles to (all `schemaVersion: 0.0.1`). */
export const ARTIFACT_SCHEMAS = {
  artifact: 'system.Artifact',
  dataset: 'system.Dataset',
  model: 'system.Model',
  metrics: 'system.Metrics',
  classificationMetrics: 'system.ClassificationMetrics',
  slicedClassificationMetrics: 'system.SlicedClassificationMetrics',
  html: 'system.HTML',
  markdown: 'system.Markdown',
} as const;
export type ArtifactSchemaTitle = (typeof ARTIFACT_SCHEMAS)[keyof typeof ARTIFACT_SCHEMAS];
export const ARTIFACT_SCHEMA_VERSION = '0.0.1';

/**
 * A declared artifact input or output: a file or directory the task reads or writes. `L` is true for a list
 * of artifacts (`List[Dataset]` in the official SDK): the input of a task that fans in a loop's outputs.
 */
export interface ArtifactSpec<
  S extends ArtifactSchemaTitle = ArtifactSchemaTitle,
  L extends boolean = boolean,
> {
  readonly kind: 'artifact';
  readonly schemaTitle: S;
  readonly isList: L;
  readonly description?: string;
}

interface ArtifactFactory<S extends ArtifactSchemaTitle> {
  (options?: { readonly description?: string; readonly list?: false }): ArtifactSpec<S, false>;
  (options: { readonly description?: string; readonly list: true }): ArtifactSpec<S, true>;
}

function factory<S extends ArtifactSchemaTitle>(schemaTitle: S): ArtifactFactory<S> {
  return ((options?: { readonly description?: string; readonly list?: boolean }) => ({
    kind: 'artifact',
    schemaTitle,
    isList: options?.list === true,
    ...(options?.description ? { description: options.description } : {}),
  })) as ArtifactFactory<S>;
}

/** Artifact declarations: `artifact.dataset()`, `artifact.model()`, ... */
export const artifact = {
  artifact: factory(ARTIFACT_SCHEMAS.artifact),
  dataset: factory(ARTIFACT_SCHEMAS.dataset),
  model: factory(ARTIFACT_SCHEMAS.model),
  metrics: factory(ARTIFACT_SCHEMAS.metrics),
  classificationMetrics: factory(ARTIFACT_SCHEMAS.classificationMetrics),
  slicedClassificationMetrics: factory(ARTIFACT_SCHEMAS.slicedClassificationMetrics),
  html: factory(ARTIFACT_SCHEMAS.html),
  markdown: factory(ARTIFACT_SCHEMAS.markdown),
} as const;
