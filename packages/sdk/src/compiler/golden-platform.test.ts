import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { PipelineDefinition } from '../dsl/index.js';
import { compilePipelineToYaml } from './compile-pipeline.js';
import { nodeAffinityGolden, singleTaskPlatformGoldens } from '../../testing/golden/platform-pipelines.js';
import { pvcPlatformGoldens } from '../../testing/golden/pvc-pipelines.js';
import { normaliseCompiled, readYamlDocuments, sharedKfpDir } from '../../testing/golden/shared-dir.js';
import { describeRequiring, pathExists } from '../../testing/requirements.js';

const kfp = sharedKfpDir();
const dir = `${kfp}/golden-platform`;
const cases: Readonly<Record<string, (golden: unknown) => PipelineDefinition>> = {
  ...singleTaskPlatformGoldens,
  ...pvcPlatformGoldens,
  'nodeaffinity.yaml': nodeAffinityGolden,
};
/** The four files kfp-kubernetes has since rewritten; `current/` holds today's output of each. */
const SUPERSEDED = ['image_pull_secrets.yaml', 'node_selector.yaml', 'secret_as_env.yaml', 'toleration.yaml'];

/**
 * Parameter descriptions are free text each SDK words itself (CreatePVC/DeletePVC's come from
 * kfp-kubernetes' docstrings); they are compared as present-or-not elsewhere, not word for word.
 */
function withoutParameterDescriptions(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document), (key: string, value: unknown) =>
    value && typeof value === 'object' && 'parameterType' in value
      ? Object.fromEntries(Object.entries(value).filter(([name]) => name !== 'description'))
      : value,
  ) as unknown;
}

function compile(file: string): { ours: unknown[]; golden: unknown[] } {
  const make = cases[file];
  if (!make) throw new Error(`no TypeScript source for ${file}`);
  const golden = readYamlDocuments(`${dir}/${file}`);
  const yaml = compilePipelineToYaml(make(golden[0]), { project: 'golden' });
  const ours = parseAllDocuments(yaml).map((doc) => doc.toJS() as unknown);
  const normalise = (docs: unknown[]) => docs.map(normaliseCompiled).map(withoutParameterDescriptions);
  return { ours: normalise(ours), golden: normalise(golden) };
}

describeRequiring(
  pathExists(kfp, '../shared/kfp (the official SDK goldens)'),
  'compiled platform specs equal the kfp-kubernetes goldens (after parsing)',
  () => {
    it('has a TypeScript source for every golden (older superseded files via current/)', () => {
      const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
      const expected = files.map((name) => (SUPERSEDED.includes(name) ? `current/${name}` : name));
      expect(Object.keys(cases).sort()).toEqual(expected.sort());
    });

    it.each(Object.keys(cases))('%s', (file) => {
      const { ours, golden } = compile(file);
      expect(ours).toEqual(golden);
    });

    it.each(['secret_as_env.yaml', 'image_pull_secrets.yaml', 'node_selector.yaml', 'toleration.yaml'])(
      'keeps every field an older backend reads: the older kfp-kubernetes output of %s is contained in ours',
      (file) => {
        const { ours } = compile(`current/${file}`);
        const [, older] = readYamlDocuments(`${dir}/${file}`);
        expect(ours[1]).toMatchObject(older as object);
      },
    );

    it('CreatePVC writes the driver stub image only and declares every input kfp-kubernetes declares', () => {
      const { ours, golden } = compile('create_mount_delete_dynamic_pvc.yaml');
      const spec = ours[0] as { deploymentSpec: { executors: Record<string, unknown> } };
      expect(spec.deploymentSpec.executors['exec-createpvc']).toEqual({
        container: { image: 'argostub/createpvc' },
      });
      expect(spec.deploymentSpec.executors['exec-deletepvc']).toEqual({
        container: { image: 'argostub/deletepvc' },
      });
      expect(golden[0]).toMatchObject({ components: { 'comp-createpvc': {} } });
    });
  },
);
