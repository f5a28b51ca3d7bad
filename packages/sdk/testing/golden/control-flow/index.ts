import { collectedParameters, nestedWithParameters, parallelForAfterDependency } from './collected.js';
import { pipelineInPipeline, pipelineInPipelineComplex, pipelineWithImporter } from './composition.js';
import { pipelineWithCondition, pipelineWithNestedConditions } from './conditions.js';
import { pipelineWithExitHandler, pipelineWithMultipleExitHandlers } from './exit-handlers.js';
import { pipelineWithLoops, pipelineWithNestedLoops } from './loops.js';
import { collectedArtifacts, pipelineWithLoopsAndConditions } from './loops-and-conditions.js';
import { loopConsumeUpstream, parallelForParallelism, parallelForPipelineParam } from './loops-more.js';

/** Golden file (without `.yaml`) → its TypeScript twin, built with the golden's Python containers. */
export const CONTROL_FLOW_GOLDENS: Readonly<Record<string, (golden: unknown) => unknown>> = {
  pipeline_with_condition: pipelineWithCondition,
  pipeline_with_nested_conditions: pipelineWithNestedConditions,
  pipeline_with_exit_handler: pipelineWithExitHandler,
  pipeline_with_multiple_exit_handlers: pipelineWithMultipleExitHandlers,
  pipeline_with_loops: pipelineWithLoops,
  pipeline_with_nested_loops: pipelineWithNestedLoops,
  pipeline_with_importer: pipelineWithImporter,
  pipeline_in_pipeline: pipelineInPipeline,
  pipeline_in_pipeline_complex: pipelineInPipelineComplex,
  parallel_for_after_dependency: parallelForAfterDependency,
  collected_parameters: collectedParameters,
  nested_with_parameters: nestedWithParameters,
  loop_consume_upstream: loopConsumeUpstream,
  pipeline_with_parallelfor_pipeline_param: parallelForPipelineParam,
  pipeline_with_parallelfor_parallelism: parallelForParallelism,
  pipeline_with_loops_and_conditions: pipelineWithLoopsAndConditions,
  collected_artifacts: collectedArtifacts,
};
