// A pipeline used as a task: its components and executors join the outer spec (renamed `-2`, `-3` on a
// clash, as the official compiler does) and its root becomes the task's component.
import type {
  IrComponentSpec,
  IrDag,
  IrKubernetesExecutorConfig,
  IrPipelineSpec,
  IrPlatformSpec,
} from './ir-types.js';

export function uniqueName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i += 1) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

export type PlatformExecutors = Record<string, IrKubernetesExecutorConfig>;

export function platformExecutors(platform: IrPlatformSpec | undefined): PlatformExecutors {
  return { ...(platform?.platforms.kubernetes.deploymentSpec.executors ?? {}) };
}

function dagsOf(spec: IrPipelineSpec): IrDag[] {
  return [spec.root.dag, ...Object.values(spec.components).flatMap((c) => (c.dag ? [c.dag] : []))];
}

/** Merges `sub` into `main` (and their platform configs); returns the sub-pipeline's root as a component. */
export function mergeSubPipeline(
  main: IrPipelineSpec,
  mainPlatform: PlatformExecutors,
  subSpec: IrPipelineSpec,
  subPlatform: PlatformExecutors,
): IrComponentSpec {
  const sub = structuredClone(subSpec);
  for (const [label, executor] of Object.entries(sub.deploymentSpec.executors)) {
    const renamed = uniqueName(label, (name) => name in main.deploymentSpec.executors);
    if (renamed !== label) {
      for (const component of Object.values(sub.components)) {
        if (component.executorLabel === label) component.executorLabel = renamed;
      }
    }
    main.deploymentSpec.executors[renamed] = executor;
    const platform = subPlatform[label];
    if (platform) mainPlatform[renamed] = platform;
  }
  const renames = new Map<string, string>();
  for (const name of Object.keys(sub.components)) {
    const used = new Set([...renames.keys(), ...renames.values()]);
    renames.set(
      name,
      uniqueName(name, (candidate) => candidate in main.components || used.has(candidate)),
    );
  }
  for (const [from, to] of [...renames].reverse()) {
    if (from === to) continue;
    for (const dag of dagsOf(sub)) {
      for (const task of Object.values(dag.tasks))
        if (task.componentRef.name === from) task.componentRef.name = to;
    }
  }
  for (const [from, component] of Object.entries(sub.components))
    main.components[renames.get(from) ?? from] = component;
  const { dag, inputDefinitions, outputDefinitions } = sub.root;
  return {
    dag,
    ...(inputDefinitions ? { inputDefinitions } : {}),
    ...(outputDefinitions ? { outputDefinitions } : {}),
  };
}
