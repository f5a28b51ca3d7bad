import {
  checkPipelineParameters,
  DefinitionError,
  describeProblems,
  isParameterChannel,
  type ParameterCheck,
  type PipelineGraph,
  type PipelineTask,
} from '../dsl/index.js';

/**
 * `deploymentSpec.capstone.parameterChecks`: for each pipeline parameter, its own rules and those of every
 * component input it feeds directly, so `capstone run` and `capstone submit` refuse a bad value before any
 * task starts (each component checks its inputs again). Undefined when no parameter has a rule.
 */
export function buildParameterChecks(graph: PipelineGraph): Record<string, ParameterCheck[]> | undefined {
  const checks: Record<string, ParameterCheck[]> = {};
  const add = (parameter: string, check: ParameterCheck): void => {
    const list = (checks[parameter] ??= []);
    if (!list.some((known) => JSON.stringify(known) === JSON.stringify(check))) list.push(check);
  };
  for (const [name, spec] of Object.entries(graph.definition.params)) {
    if (spec.rules) add(name, { ...spec.rules, from: `pipeline parameter '${name}'` });
  }
  for (const task of graph.tasks) for (const [parameter, check] of fedChecks(task)) add(parameter, check);
  checkDefaults(graph, checks);
  return Object.keys(checks).length > 0 ? checks : undefined;
}

/** A pipeline default that an input it feeds would refuse is a definition error, not a run-time surprise. */
function checkDefaults(graph: PipelineGraph, checks: Record<string, ParameterCheck[]>): void {
  const defaults = Object.fromEntries(
    Object.entries(graph.definition.params).flatMap(([name, spec]) =>
      'default' in spec ? [[name, spec.default]] : [],
    ),
  );
  const problems = checkPipelineParameters(checks, defaults);
  if (problems.length > 0)
    throw new DefinitionError(`pipeline '${graph.definition.name}'`, `default ${describeProblems(problems)}`);
}

/** The rules of each input of `task` that takes a pipeline parameter as it is. */
function fedChecks(task: PipelineTask): [string, ParameterCheck][] {
  const found: [string, ParameterCheck][] = [];
  for (const [input, value] of Object.entries(task.args)) {
    if (!isParameterChannel(value) || value.source.from !== 'pipeline') continue;
    const spec = task.component.inputs[input];
    if (spec?.kind === 'parameter' && spec.rules) {
      found.push([value.source.name, { ...spec.rules, from: `task '${task.name}' input '${input}'` }]);
    }
  }
  return found;
}
