import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { artifact, defineComponent, param } from '../dsl/index.js';
import { implementComponent } from './implement-component.js';
import { runComponent } from './run-component.js';

const definition = defineComponent({
  name: 'average',
  implementation: 'file:///unused',
  inputs: {
    numbers: artifact.dataset(),
    scale: param.float({ default: 1 }),
    label: param.string(),
    tags: param.list<string>(),
    verbose: param.bool(),
    options: param.struct(),
    count: param.int(),
  },
  outputs: { mean: param.float(), summary: artifact.dataset(), info: param.struct() },
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('runComponent', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runtime-'));
    await writeFile(join(dir, 'numbers.txt'), '1\n2\n3\n6\n');
  });

  const argv = (overrides: Record<string, string> = {}) => {
    const values: Record<string, string> = {
      numbers: join(dir, 'numbers.txt'),
      scale: '2.5',
      label: '--looks like a flag',
      tags: '["a","b"]',
      verbose: 'true',
      options: '{"k":1}',
      count: '3',
      mean: join(dir, 'out', 'params', 'mean'),
      summary: join(dir, 'out', 'artifacts', 'summary'),
      info: join(dir, 'out', 'params', 'info'),
      ...overrides,
    };
    return Object.entries(values).flatMap(([k, v]) => [`--${k}`, v]);
  };

  const impl = implementComponent(definition, async ({ inputs, outputs, log }) => {
    const text = await readFile(inputs.numbers.path, 'utf8');
    const values = text.trim().split('\n').map(Number);
    const mean = (values.reduce((a, b) => a + b, 0) / values.length) * inputs.scale;
    await writeFile(outputs.summary.path, `mean=${mean}\n`);
    log(
      `label=${inputs.label} tags=${inputs.tags.join('|')} verbose=${inputs.verbose} count=${inputs.count}`,
    );
    return { mean, info: { options: inputs.options } };
  });

  it('parses values by the launcher rules and writes output parameter files', async () => {
    const out = capture();
    const code = await runComponent(impl, {
      argv: argv(),
      stdout: out.stream,
      stderr: capture().stream,
      env: {},
    });
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'out/params/mean'), 'utf8')).toBe('7.5');
    expect(await readFile(join(dir, 'out/params/info'), 'utf8')).toBe('{"options":{"k":1}}');
    expect(await readFile(join(dir, 'out/artifacts/summary'), 'utf8')).toBe('mean=7.5\n');
    expect(out.text()).toContain('label=--looks like a flag tags=a|b verbose=true count=3');
  });

  it('creates output parents but nothing at the artifact path itself, and warns when it stays missing', async () => {
    const lazy = implementComponent(definition, async () => ({ mean: 1, info: {} }));
    const err = capture();
    const code = await runComponent(lazy, {
      argv: argv(),
      stdout: capture().stream,
      stderr: err.stream,
      env: {},
    });
    expect(code).toBe(0);
    expect((await stat(join(dir, 'out/artifacts'))).isDirectory()).toBe(true);
    await expect(stat(join(dir, 'out/artifacts/summary'))).rejects.toThrow();
    expect(err.text()).toContain("output artifact 'summary' was not created");
  });

  it.each([
    [{ count: '3.5' }, "input 'count': expected an integer such as 3"],
    [{ count: '3.0' }, 'input \'count\': expected an integer such as 3, got "3.0"'],
    [{ verbose: 'yes' }, "input 'verbose': expected true or false"],
    [{ tags: '{"a":1}' }, "input 'tags': expected a JSON list"],
    [{ scale: 'abc' }, "input 'scale': expected a number"],
  ])('rejects a bad value %j with a one-line error and exit code 2', async (override, message) => {
    const err = capture();
    const code = await runComponent(impl, {
      argv: argv(override),
      stdout: capture().stream,
      stderr: err.stream,
      env: {},
    });
    expect(code).toBe(2);
    expect(err.text()).toContain(message);
    expect(err.text().trim().split('\n')).toHaveLength(1);
  });

  it('checks parameter rules before the implementation runs: nothing is written for a refused value', async () => {
    let ran = false;
    const ruled = defineComponent({
      name: 'ruled',
      implementation: 'file:///unused',
      inputs: {
        compression: param.string({ default: 'gzip', oneOf: ['gzip', 'none'] }),
        random_state: param.int({ default: 1, min: 0, max: 2 ** 32 - 1 }),
      },
      outputs: { out: artifact.dataset() },
    });
    const strict = implementComponent(ruled, async ({ outputs }) => {
      ran = true;
      await writeFile(outputs.out.path, 'written');
      return {};
    });
    const out = join(dir, 'ruled', 'out');
    const err = capture();
    const args = ['--compression', 'lz4', '--random_state', String(2 ** 40), '--out', out];
    expect(await runComponent(strict, { argv: args, stderr: err.stream, env: {} })).toBe(2);
    expect(err.text()).toContain(
      "input 'compression': 'lz4' is not allowed; expected one of 'gzip', 'none'; input 'random_state': 1099511627776 is above the maximum 4294967295 (checked before anything was written)",
    );
    expect(ran).toBe(false);
    await expect(stat(join(dir, 'ruled'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects unknown and missing flags', async () => {
    const err = capture();
    expect(await runComponent(impl, { argv: ['--nope', 'x'], stderr: err.stream, env: {} })).toBe(2);
    expect(err.text()).toContain("unexpected argument '--nope'");
    const err2 = capture();
    expect(await runComponent(impl, { argv: argv().slice(2), stderr: err2.stream, env: {} })).toBe(2);
    expect(err2.text()).toContain('missing argument --numbers');
  });

  it('answers --help (the image CMD) with the flags on stdout and exit 0, without running', async () => {
    const out = capture();
    const err = capture();
    const options = { stdout: out.stream, stderr: err.stream, env: {} };
    expect(await runComponent(impl, { argv: ['--help'], ...options })).toBe(0);
    expect(out.text()).toMatch(/^usage: average --numbers … --scale …/);
    expect(out.text()).toContain('  --numbers PATH  input artifact\n');
    expect(out.text()).toContain('  --mean VALUE  output parameter (float)\n');
    expect(err.text()).toBe('');
    expect(await runComponent(impl, { argv: ['--help', 'x'], ...options })).toBe(2);
  });

  it('fails when the implementation returns a wrong output type', async () => {
    const wrong = implementComponent(definition, async () => ({ mean: 'x' as unknown as number, info: {} }));
    const err = capture();
    expect(await runComponent(wrong, { argv: argv(), stderr: err.stream, env: {} })).toBe(1);
    expect(err.text()).toContain("output parameter 'mean' must be a float");
  });

  it('never prints secret values, even when an error message contains them', async () => {
    const leaky = implementComponent(definition, async () => {
      throw new Error('connect failed with key s3cr3t-value\nsecond line');
    });
    const err = capture();
    const env = { AWS_SECRET_ACCESS_KEY: 's3cr3t-value' };
    expect(
      await runComponent(leaky, { argv: argv(), stderr: err.stream, stdout: capture().stream, env }),
    ).toBe(1);
    expect(err.text()).not.toContain('s3cr3t-value');
    expect(err.text()).toBe('error: average: connect failed with key *** | second line\n');
  });
});
