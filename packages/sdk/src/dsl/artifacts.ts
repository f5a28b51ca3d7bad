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

/** A declared artifact input or output: a file or directory the task reads or writes. */
export interface ArtifactSpec<S extends ArtifactSchemaTitle = ArtifactSchemaTitle> {
  readonly kind: 'artifact';
  readonly schemaTitle: S;
  readonly description?: string;
}

function factory<S extends ArtifactSchemaTitle>(schemaTitle: S) {
  return (options?: { readonly description?: string }): ArtifactSpec<S> => ({
    kind: 'artifact',
    schemaTitle,
    ...(options?.description ? { description: options.description } : {}),
  });
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
