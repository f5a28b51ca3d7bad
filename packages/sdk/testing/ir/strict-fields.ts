// The PipelineSpec fields a KFP 2.0.0 API server parses (its vendored pipeline_spec.proto): the server's
// strict parse rejects any other key outside `deploymentSpec` (a free Struct). Field names are from the
// proto; this file is our own listing of them, used to check what the compiler writes.

type Node =
  | { readonly fields: Readonly<Record<string, Node>> }
  | { readonly map: Node }
  | { readonly list: Node }
  | 'leaf'
  | 'any';

const leaf = 'leaf' as const;
const fields = (map: Record<string, Node>): Node => ({ fields: map });
const mapOf = (node: Node): Node => ({ map: node });
const listOf = (node: Node): Node => ({ list: node });

const artifactType = fields({ schemaTitle: leaf, schemaVersion: leaf, instanceSchema: leaf });
const io = fields({
  artifacts: mapOf(
    fields({
      artifactType,
      isArtifactList: leaf,
      isOptional: leaf,
      description: leaf,
      properties: 'any',
      customProperties: 'any',
      metadata: 'any',
    }),
  ),
  parameters: mapOf(
    fields({ type: leaf, parameterType: leaf, defaultValue: 'any', isOptional: leaf, description: leaf }),
  ),
});
const producerParameter = fields({ producerTask: leaf, outputParameterKey: leaf });
const producerArtifact = fields({ producerTask: leaf, outputArtifactKey: leaf });
const taskInputs = fields({
  parameters: mapOf(
    fields({
      componentInputParameter: leaf,
      taskOutputParameter: producerParameter,
      runtimeValue: fields({ constant: 'any' }),
      taskFinalStatus: fields({ producerTask: leaf }),
      parameterExpressionSelector: leaf,
    }),
  ),
  artifacts: mapOf(fields({ componentInputArtifact: leaf, taskOutputArtifact: producerArtifact })),
});
const task = fields({
  taskInfo: fields({ name: leaf }),
  inputs: taskInputs,
  dependentTasks: listOf(leaf),
  cachingOptions: fields({ enableCache: leaf }),
  componentRef: fields({ name: leaf }),
  triggerPolicy: fields({ condition: leaf, strategy: leaf }),
  parameterIterator: fields({ items: fields({ raw: leaf, inputParameter: leaf }), itemInput: leaf }),
  artifactIterator: fields({ items: fields({ inputArtifact: leaf }), itemInput: leaf }),
  iteratorPolicy: fields({ parallelismLimit: leaf }),
  retryPolicy: fields({
    maxRetryCount: leaf,
    backoffDuration: leaf,
    backoffFactor: leaf,
    backoffMaxDuration: leaf,
  }),
});
const dagOutputs = fields({
  artifacts: mapOf(
    fields({ artifactSelectors: listOf(fields({ producerSubtask: leaf, outputArtifactKey: leaf })) }),
  ),
  parameters: mapOf(
    fields({
      valueFromParameter: fields({ producerSubtask: leaf, outputParameterKey: leaf }),
      valueFromOneof: fields({
        parameterSelectors: listOf(fields({ producerSubtask: leaf, outputParameterKey: leaf })),
      }),
    }),
  ),
});
const component = fields({
  inputDefinitions: io,
  outputDefinitions: io,
  dag: fields({ tasks: mapOf(task), outputs: dagOutputs }),
  executorLabel: leaf,
});
const pipelineSpec = fields({
  pipelineInfo: fields({ name: leaf, displayName: leaf, description: leaf }),
  deploymentSpec: 'any',
  sdkVersion: leaf,
  schemaVersion: leaf,
  components: mapOf(component),
  root: component,
  defaultPipelineRoot: leaf,
});

/** Every key of `document` the 2.0.0 PipelineSpec does not have, as dotted paths. */
export function unknownPipelineSpecFields(document: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, node: Node, path: string): void => {
    if (node === 'any' || value === null || typeof value !== 'object') return;
    if (node === 'leaf') return void found.push(`${path} (expected a scalar)`);
    if ('list' in node)
      return void (Array.isArray(value)
        ? value.forEach((item, i) => walk(item, node.list, `${path}[${i}]`))
        : found.push(`${path} (expected a list)`));
    if ('map' in node)
      return void Object.entries(value).forEach(([key, item]) => walk(item, node.map, `${path}.${key}`));
    for (const [key, item] of Object.entries(value)) {
      const child = node.fields[key];
      if (!child) found.push(path ? `${path}.${key}` : key);
      else walk(item, child, path ? `${path}.${key}` : key);
    }
  };
  walk(document, pipelineSpec, '');
  return found;
}
