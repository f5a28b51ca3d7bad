import type { ComponentDefinition } from '../dsl/index.js';
import { buildComponentSpec, buildIoDefinitions } from './build-component-spec.js';
import { buildExecutor } from './build-executor.js';
import { resolveImageOptions, SDK_VERSION_STRING, type CompileOptions } from './compile-options.js';
import type { IrArtifactInput, IrDagOutputs, IrParameterInput, IrPipelineSpec } from './ir-types.js';

/**
 * A component on its own, as the official SDK writes it (`output_component_file`): a one-task pipeline whose
 * inputs and outputs are the component's. Loadable by KFP and by our local runner.
 */
export function compileComponent(component: ComponentDefinition, options: CompileOptions): IrPipelineSpec {
  const task = component.name;
  const parameters: Record<string, IrParameterInput> = {};
  const artifacts: Record<string, IrArtifactInput> = {};
  for (const [name, spec] of Object.entries(component.inputs)) {
    if (spec.kind === 'parameter') parameters[name] = { componentInputParameter: name };
    else artifacts[name] = { componentInputArtifact: name };
  }
  const outputs: IrDagOutputs = {};
  for (const [name, spec] of Object.entries(component.outputs)) {
    if (spec.kind === 'parameter') {
      (outputs.parameters ??= {})[name] = {
        valueFromParameter: { producerSubtask: task, outputParameterKey: name },
      };
    } else {
      (outputs.artifacts ??= {})[name] = {
        artifactSelectors: [{ producerSubtask: task, outputArtifactKey: name }],
      };
    }
  }
  const inputs = {
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...(Object.keys(artifacts).length > 0 ? { artifacts } : {}),
  };
  const inputDefinitions = buildIoDefinitions(component.inputs);
  const outputDefinitions = buildIoDefinitions(component.outputs);
  return {
    components: { [`comp-${task}`]: buildComponentSpec(component, `exec-${task}`, { exitTask: true }) },
    deploymentSpec: {
      executors: {
        [`exec-${task}`]: buildExecutor(component, component.options, {
          project: options.project,
          images: resolveImageOptions(options.images, {}),
          subject: `component '${task}'`,
        }),
      },
    },
    pipelineInfo: { name: task },
    root: {
      dag: {
        ...(outputs.parameters || outputs.artifacts ? { outputs } : {}),
        tasks: {
          [task]: {
            taskInfo: { name: task },
            componentRef: { name: `comp-${task}` },
            ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
            // A component alone cannot prove a fingerprint input fresh: external state means no caching.
            cachingOptions:
              component.options.caching === false || component.external?.length ? {} : { enableCache: true },
          },
        },
      },
      ...(inputDefinitions ? { inputDefinitions } : {}),
      ...(outputDefinitions ? { outputDefinitions } : {}),
    },
    schemaVersion: '2.1.0',
    sdkVersion: SDK_VERSION_STRING,
  };
}
