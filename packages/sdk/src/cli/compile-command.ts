import { resolve } from 'node:path';
import { loadPipelines } from '../build/index.js';
import { compilePipelineToYaml, resolveImageOptions } from '../compiler/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { UsageError, type CliCommand } from './command.js';
import { parseFlags } from './parse-flags.js';

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: 'Compile the pipelines a TypeScript module exports to KFP v2 YAML',
  usage: `Usage: capstone compile <module.ts> --project NAME [--out DIR | --output FILE] [--pipeline NAME]
                        [--registry R] [--tag T]

Compiles each pipeline the module exports (or only --pipeline NAME) to <out>/<pipeline>.yaml.

  --project NAME  project name used in image names <registry>/<project>-<component>:<tag>
  --out DIR       output folder (default: dist/pipelines)
  --output FILE   output file, when the module exports one pipeline (or with --pipeline)`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      project: { type: 'string' },
      out: { type: 'string' },
      output: { type: 'string' },
      pipeline: { type: 'string' },
      registry: { type: 'string' },
      tag: { type: 'string' },
    });
    const [module, ...extra] = positionals;
    if (!module || extra.length > 0) throw new UsageError('expected exactly one module path');
    if (!values.project) throw new UsageError('--project is required (it names the component images)');
    let pipelines = await loadPipelines(resolve(context.cwd, module));
    if (values.pipeline) {
      pipelines = pipelines.filter((p) => p.name === values.pipeline);
      if (pipelines.length === 0)
        throw new UsageError(`${module} exports no pipeline named '${values.pipeline}'`);
    }
    if (values.output && pipelines.length !== 1) {
      throw new UsageError(
        `--output needs exactly one pipeline; ${module} exports ${pipelines.length} (use --pipeline)`,
      );
    }
    const images = resolveImageOptions({ registry: values.registry, tag: values.tag }, context.env);
    for (const pipeline of pipelines) {
      const file = resolve(
        context.cwd,
        values.output ?? `${values.out ?? 'dist/pipelines'}/${pipeline.name}.yaml`,
      );
      await writeFileAtomic(file, compilePipelineToYaml(pipeline, { project: values.project, images }));
      context.stdout.write(`${pipeline.name} -> ${file}\n`);
    }
    return 0;
  },
};
