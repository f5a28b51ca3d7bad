import {
  ARTIFACT_SCHEMA_VERSION,
  COMPONENT_ENTRY_COMMAND,
  renderElement,
  runtimeArgs,
  type ComponentDefinition,
  type ExecutionOptions,
} from '../dsl/index.js';
import { imageFor, type ImageOptions } from './compile-options.js';
import type { IrExecutor, IrImporter } from './ir-types.js';
import { buildResources } from './resources.js';

export interface ExecutorContext {
  readonly project: string;
  readonly images: ImageOptions;
  readonly subject: string;
}

/** `deploymentSpec.executors.exec-X`: the container and how it is called. */
export function buildExecutor(
  component: ComponentDefinition,
  options: ExecutionOptions,
  context: ExecutorContext,
  uri?: unknown,
): IrExecutor {
  const template = component.container;
  if (template.kind === 'importer') return importerExecutor(component, template, uri);
  // The driver recognises these stub images and does the work itself: kfp-kubernetes writes only the image.
  if (template.kind === 'kubernetes-op') return { container: { image: template.image } };
  const image =
    template.kind === 'runtime' ? imageFor(context.images, context.project, component.name) : template.image;
  const command =
    template.kind === 'runtime' ? [...COMPONENT_ENTRY_COMMAND] : template.command.map(renderElement);
  const args = (template.kind === 'runtime' ? runtimeArgs(component) : template.args).map(renderElement);
  const env = Object.entries(options.env ?? {}).map(([name, value]) => ({ name, value }));
  const resources = buildResources(context.subject, options.resources);
  return {
    container: {
      image,
      command,
      ...(args.length > 0 ? { args } : {}),
      ...(env.length > 0 ? { env } : {}),
      ...(resources ? { resources } : {}),
    },
  };
}

/** `dsl.importer`: the URI is a constant or the task's `uri` input; the output type is the artifact's. */
function importerExecutor(
  component: ComponentDefinition,
  template: ComponentDefinition['container'] & { kind: 'importer' },
  uri: unknown,
): IrExecutor {
  const output = component.outputs['artifact'];
  const schemaTitle = output?.kind === 'artifact' ? output.schemaTitle : 'system.Artifact';
  const importer: IrImporter = {
    artifactUri: typeof uri === 'string' ? { constant: uri } : { runtimeParameter: 'uri' },
    typeSchema: { schemaTitle, schemaVersion: ARTIFACT_SCHEMA_VERSION },
    ...(template.reimport ? { reimport: true as const } : {}),
    ...(template.metadata ? { metadata: template.metadata } : {}),
  };
  return { importer };
}
