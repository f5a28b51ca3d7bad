import type { Writable } from 'node:stream';
import { ruleProblem, type ComponentDefinition, type InputSpecs, type OutputSpecs } from '../dsl/index.js';
import { ComponentArgumentError } from './errors.js';
import type { ComponentContext, ComponentImplementation } from './implement-component.js';
import { missingOutputArtifacts, prepareOutputParents, writeOutputParameters } from './output-files.js';
import { parseComponentArgs } from './parse-args.js';
import { createRedactor } from '../secrets/index.js';

export interface RunComponentOptions {
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly stdout?: Writable;
  readonly stderr?: Writable;
  readonly signal?: AbortSignal;
}

/**
 * Runs one component as its image does: parse the resolved command line, call the implementation, write
 * output parameters. Returns the exit code: 0, 1 on failure, 2 on a command line that does not fit.
 */
export async function runComponent<I extends InputSpecs, O extends OutputSpecs>(
  implementation: ComponentImplementation<I, O>,
  options: RunComponentOptions,
): Promise<number> {
  const { definition } = implementation;
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  if (options.argv.length === 1 && HELP_FLAGS.has(options.argv[0] ?? '')) {
    stdout.write(componentUsage(definition));
    return 0;
  }
  const redact = createRedactor({ env });
  try {
    const parsed = parseComponentArgs(definition, options.argv);
    const artifactOutputs = Object.fromEntries(
      Object.entries(definition.outputs)
        .filter(([, spec]) => spec.kind === 'artifact')
        .map(([name]) => [name, { path: parsed.outputs[name] }]),
    );
    const inputs = Object.fromEntries(
      Object.entries(definition.inputs).map(([name, spec]) => [
        name,
        spec.kind !== 'artifact'
          ? parsed.inputs[name]
          : Array.isArray(parsed.inputs[name])
            ? (parsed.inputs[name] as string[]).map((path) => ({ path }))
            : { path: parsed.inputs[name] },
      ]),
    );
    checkInputRules(definition, inputs);
    await prepareOutputParents(parsed.outputs);
    const context = {
      inputs,
      outputs: artifactOutputs,
      log: (message: string) => stdout.write(`${redact(message)}\n`),
      env,
      signal: options.signal ?? new AbortController().signal,
    } as unknown as ComponentContext<I, O>;
    const result = await implementation.run(context);
    await writeOutputParameters(definition, parsed.outputs, result);
    for (const name of missingOutputArtifacts(definition, parsed.outputs)) {
      stderr.write(
        `warning: ${definition.name}: output artifact '${name}' was not created at ${parsed.outputs[name]}\n`,
      );
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = redact(message).replace(/\s*\n\s*/g, ' | ');
    stderr.write(`error: ${definition.name}: ${oneLine}\n`);
    if (env.CAPSTONE_DEBUG && error instanceof Error && error.stack) stderr.write(`${redact(error.stack)}\n`);
    return error instanceof ComponentArgumentError ? 2 : 1;
  }
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** Each parameter input against its rules (oneOf, min, max, pattern), before the implementation writes anything. */
function checkInputRules(definition: ComponentDefinition, inputs: Readonly<Record<string, unknown>>): void {
  const problems = Object.entries(definition.inputs).flatMap(([name, spec]) => {
    if (spec.kind !== 'parameter' || !spec.rules || inputs[name] === undefined) return [];
    const problem = ruleProblem(spec.rules, inputs[name]);
    return problem ? [`input '${name}': ${problem}`] : [];
  });
  if (problems.length > 0)
    throw new ComponentArgumentError(`${problems.join('; ')} (checked before anything was written)`);
}

/** What `node /app/main.mjs --help` prints (the image's CMD): the flags the compiled YAML passes. */
export function componentUsage(definition: ComponentDefinition): string {
  const line = (name: string, spec: { kind: string; type?: string }, role: string) =>
    `  --${name} ${spec.kind === 'artifact' ? 'PATH' : 'VALUE'}  ${role} ${spec.kind}${spec.type ? ` (${spec.type})` : ''}\n`;
  return [
    `usage: ${definition.name} ${[...Object.keys(definition.inputs), ...Object.keys(definition.outputs)].map((n) => `--${n} …`).join(' ')}\n`,
    definition.description ? `${definition.description}\n` : '',
    'Run by Kubeflow Pipelines with the arguments of the compiled pipeline YAML.\n',
    ...Object.entries(definition.inputs).map(([name, spec]) => line(name, spec, 'input')),
    ...Object.entries(definition.outputs).map(([name, spec]) => line(name, spec, 'output')),
  ].join('');
}

/** The entry point of a component image: runs with `process.argv`, stops cleanly on SIGTERM/SIGINT. */
export async function runComponentMain<I extends InputSpecs, O extends OutputSpecs>(
  implementation: ComponentImplementation<I, O>,
): Promise<void> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`${implementation.definition.name}: received ${signal}, stopping\n`);
    controller.abort(new Error(`stopped by ${signal}`));
    setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // If the work waits on something that can never happen (a stream that neither ends nor fails), Node would
  // exit 13 ("unsettled top-level await") without a word; say what happened and exit 1 instead.
  let settled = false;
  const stalled = (): void => {
    if (settled) return;
    process.stderr.write(
      `error: ${implementation.definition.name}: stopped with work unfinished: it waited on a stream or ` +
        'promise that can no longer complete (this is a bug; please report it)\n',
    );
    process.exitCode = 1;
  };
  process.once('beforeExit', stalled);
  const code = await runComponent(implementation, {
    argv: process.argv.slice(2),
    signal: controller.signal,
  });
  settled = true;
  process.off('beforeExit', stalled);
  process.exitCode = code;
}
