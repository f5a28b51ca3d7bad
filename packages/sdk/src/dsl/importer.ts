import type { ArtifactSpec } from './artifacts.js';
import type { ParameterChannel, Scope } from './channels.js';
import type { ComponentDefinition } from './define-component.js';
import { DefinitionError } from './errors.js';
import { param, type JsonObject, type ParameterSpec } from './parameters.js';

export interface ImporterOptions<A extends ArtifactSpec, S extends Scope> {
  /** The artifact's URI (`gs://...`, `s3://...`, `minio://...`; locally also `file://` and absolute paths). */
  readonly uri: string | ParameterChannel<string, 'string', S>;
  /** The artifact type of the output, e.g. `artifact.dataset()`. */
  readonly artifact: A;
  /** Register the URI as a new artifact on every run (default false: reuse the one already known). */
  readonly reimport?: boolean;
  /** Metadata attached to the imported artifact. */
  readonly metadata?: JsonObject;
}

/** The component the official SDK makes for `dsl.importer`: input `uri`, output `artifact`. */
export function importerComponent<A extends ArtifactSpec>(options: ImporterOptions<A, Scope>) {
  if (options.artifact.isList) {
    throw new DefinitionError('importer()', 'imports one artifact; a list artifact type is not allowed');
  }
  const uri: ParameterSpec<string, false, 'string'> = param.string();
  const component: ComponentDefinition<{ uri: typeof uri }, { artifact: A }> = {
    kind: 'component',
    name: 'importer',
    inputs: { uri },
    outputs: { artifact: options.artifact },
    container: {
      kind: 'importer',
      reimport: options.reimport === true,
      ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
    },
    options: {},
  };
  return { component, args: { uri: options.uri } };
}
