import { parseAllDocuments } from 'yaml';
import { COMPONENT_ENTRY_COMMAND } from '../dsl/index.js';
import { isPublishedTag } from './dockerfile-builds.js';

/** One container image a compiled pipeline runs. */
export interface PipelineImage {
  readonly executor: string;
  readonly image: string;
  /** The tag (`latest` when the reference has none); undefined for a digest reference. */
  readonly tag: string | undefined;
  /** Whether it is a capstone component image (it runs the component entry command). */
  readonly component: boolean;
}

interface Executor {
  readonly container?: { readonly image?: string; readonly command?: readonly string[] };
}

/** Every executor image of a compiled pipeline YAML (the first document: the PipelineSpec). */
export function pipelineImages(yamlText: string): PipelineImage[] {
  const spec = parseAllDocuments(yamlText)[0]?.toJS() as
    | { deploymentSpec?: { executors?: Record<string, Executor> } }
    | undefined;
  return Object.entries(spec?.deploymentSpec?.executors ?? {}).flatMap(([executor, { container }]) => {
    if (!container?.image) return [];
    const command = container.command ?? [];
    return [
      {
        executor,
        image: container.image,
        tag: imageTag(container.image),
        component:
          command.length === COMPONENT_ENTRY_COMMAND.length &&
          command.every((part, i) => part === COMPONENT_ENTRY_COMMAND[i]),
      },
    ];
  });
}

/** `reg:5000/a/b:tag` → `tag`; no tag → `latest`; a digest reference → undefined (always published). */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}

/** The component images whose tag CI never pushes (so a cluster would fail to pull them). */
export function unpublishedComponentImages(yamlText: string): PipelineImage[] {
  return pipelineImages(yamlText).filter(
    (image) => image.component && image.tag !== undefined && !isPublishedTag(image.tag),
  );
}
