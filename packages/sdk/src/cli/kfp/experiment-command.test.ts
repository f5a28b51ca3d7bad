import { afterEach, describe, expect, it } from 'vitest';
import { startKfpCli, type KfpCli } from '../../../testing/kfp-cli.js';
import type { KfpExperiment } from '../../client/index.js';

let cli: KfpCli | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
});

describe('capstone experiment', () => {
  it('create sends display_name, description and namespace; the same name again returns the same experiment', async () => {
    cli = await startKfpCli({ multiUser: true }, { KF_PIPELINES_NAMESPACE: 'alice' });
    const created = await cli.json<KfpExperiment>([
      'experiment',
      'create',
      'nightly',
      '-d',
      'every night',
      '-o',
      'json',
    ]);
    expect(cli.fake.requests.find((r) => r.operation === 'createExperiment')?.json).toEqual({
      display_name: 'nightly',
      description: 'every night',
      namespace: 'alice',
    });
    expect(created).toEqual(cli.fake.store.experiments[0]);
    const again = await cli.run(['experiment', 'create', 'nightly']);
    expect(again.stdout).toMatch(
      new RegExp(
        `^Experiment details: ${cli.fake.url}/#/experiments/details/${created.experiment_id}\\nID +NAME +CREATED AT +STORAGE STATE\\n${created.experiment_id} +nightly +\\S+ +AVAILABLE\\n$`,
      ),
    );
    expect(cli.fake.store.experiments).toHaveLength(1);
  });

  it('list and get parse back as JSON; archive and unarchive by name or id', async () => {
    cli = await startKfpCli({ multiUser: true }, { KF_PIPELINES_NAMESPACE: 'alice' });
    for (const name of ['a', 'b']) await cli.run(['experiment', 'create', name]);
    const listed = await cli.json<KfpExperiment[]>(['experiment', 'list', '-o', 'json']);
    expect(listed.map((e) => e.display_name)).toEqual(['b', 'a']);
    const id = listed[1]?.experiment_id ?? '';
    expect(await cli.json(['experiment', 'get', id, '-o', 'json'])).toEqual(listed[1]);
    const archived = await cli.json<KfpExperiment>([
      'experiment',
      'archive',
      '--experiment-name',
      'a',
      '-o',
      'json',
    ]);
    expect(archived).toMatchObject({ experiment_id: id, storage_state: 'ARCHIVED' });
    const restored = await cli.json<KfpExperiment>([
      'experiment',
      'unarchive',
      '--experiment-id',
      id,
      '-o',
      'json',
    ]);
    expect(restored.storage_state).toBe('AVAILABLE');
    const missing = await cli.run(['experiment', 'archive', '--experiment-name', 'zzz']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no experiment named 'zzz' in namespace alice");
    const both = await cli.run(['experiment', 'archive', '--experiment-name', 'a', '--experiment-id', id]);
    expect(both.code).toBe(2);
  });
});
