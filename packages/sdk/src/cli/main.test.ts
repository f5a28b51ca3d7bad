import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testContext } from '../../testing/cli-context.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const examples = join(root, 'examples/src/pipelines.ts');

describe('capstone CLI', () => {
  it('prints help and exits 2 without a command, 0 with --help', async () => {
    const none = testContext(root);
    expect(await main([], none.context)).toBe(2);
    expect(none.stdout()).toContain('Usage: capstone <command>');
    expect(await main(['--help'], testContext(root).context)).toBe(0);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const t = testContext(root);
    expect(await main(['frobnicate'], t.context)).toBe(2);
    expect(t.stderr()).toContain("unknown command 'frobnicate'");
  });

  it('prints a command usage on --help', async () => {
    const t = testContext(root);
    expect(await main(['compile', '--help'], t.context)).toBe(0);
    expect(t.stdout()).toContain('Usage: capstone compile <module.ts>');
  });

  it('compiles one pipeline of a module to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-compile-'));
    const output = join(dir, 'first.yaml');
    const t = testContext(dir, { CAPSTONE_IMAGE_TAG: 'v9' });
    const code = await main(
      [
        'compile',
        examples,
        '--project',
        'examples',
        '--pipeline',
        'example-first-pipeline',
        '--output',
        output,
      ],
      t.context,
    );
    expect(t.stderr()).toBe('');
    expect(code).toBe(0);
    const yaml = await readFile(output, 'utf8');
    expect(yaml).toContain('name: example-first-pipeline');
    expect(yaml).toContain('image: ghcr.io/kubeflow-capstones/examples-read-data:v9');
  });

  it('routes run: a KFP subcommand goes to the run group, anything else to the local runner', async () => {
    const create = testContext(root);
    expect(await main(['run', 'create', '--help'], create.context)).toBe(0);
    expect(create.stdout()).toContain(
      'Usage: capstone run create (-f FILE | -p PIPELINE_ID | -n PIPELINE_NAME)',
    );
    const local = testContext(root);
    expect(await main(['run', '--help'], local.context)).toBe(0);
    expect(local.stdout()).toContain('Usage: capstone run <pipeline.yaml | pipeline-name>');
    expect(local.stdout()).toContain('capstone run create|get|list|terminate|retry|archive|unarchive|delete');
  });

  it('every name that routes to the KFP run group is one of its subcommands or aliases', async () => {
    const { KFP_RUN_SUBCOMMANDS } = await import('./kfp/run-subcommands.js');
    const { kfpRunCommand } = await import('./kfp/kfp-run-command.js');
    const groupUsage = kfpRunCommand.helpFor?.([]);
    for (const name of KFP_RUN_SUBCOMMANDS) {
      expect(kfpRunCommand.helpFor?.([name]), name).not.toBe(groupUsage);
    }
    const listed = [...(groupUsage ?? '').matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
    expect(
      listed.every((name) => (KFP_RUN_SUBCOMMANDS as readonly (string | undefined)[]).includes(name)),
    ).toBe(true);
    expect(listed).toHaveLength(KFP_RUN_SUBCOMMANDS.length - 1); // 'submit' is kfp's old alias of 'create'
  });

  it('takes the kfp plurals and deprecated names (pipelines, upload-version)', async () => {
    const t = testContext(root);
    expect(await main(['pipelines', 'upload-version', '--help'], t.context)).toBe(0);
    expect(t.stdout()).toContain('Usage: capstone pipeline create-version FILE');
    const group = testContext(root);
    expect(await main(['experiments', '--help'], group.context)).toBe(0);
    expect(group.stdout()).toMatch(/Commands:\n {2}create +Create an experiment/);
  });

  it.each([
    [['pipeline'], /expected a command: create, create-version, list/],
    [['pipeline', 'frobnicate'], /unknown command 'pipeline frobnicate'/],
    [['run', 'get'], /expected exactly one run id/],
    [['experiment', 'create', 'a', 'b'], /expected exactly one experiment name/],
    [['compile', examples], /--project is required/],
    [['compile', examples, '--project', 'x', '--output', 'a.yaml'], /--output needs exactly one pipeline/],
    [['compile', examples, '--project', 'x', '--pipeline', 'nope'], /exports no pipeline named 'nope'/],
    [['compile', examples, '--project', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['start', '--scale', 'huge'], /--scale must be one of small, medium, full/],
    [['start', '--parallelism', '0'], /--parallelism must be a whole number/],
  ])('fails with a usage error (exit 2): %j', async (argv, message) => {
    const t = testContext(root);
    expect(await main(argv, t.context)).toBe(2);
    expect(t.stderr()).toMatch(message);
  });

  it('fails with exit 1 and names the module when it exports no pipeline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-compile-'));
    const module = join(dir, 'empty.mjs');
    await writeFile(module, 'export const x = 1;\n');
    const t = testContext(dir);
    expect(await main(['compile', module, '--project', 'x'], t.context)).toBe(1);
    expect(t.stderr()).toContain(`${module} exports no pipeline`);
  });
});
