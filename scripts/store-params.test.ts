// Both capstone pipelines take the object store's location as run parameters and pass it to every task that
// opens the store; credentials stay Kubernetes Secret references (secretAsEnv), never values in the YAML.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileAll, type CompileAllResult } from '@capstone/sdk/build';
import { resolveImageOptions } from '@capstone/sdk/compiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('../', import.meta.url));
const STORE_INPUTS = ['bucket', 'prefix', 's3_endpoint', 's3_region'] as const;
/** The tasks of each pipeline that open the object store. */
const STORE_TASKS: Record<string, readonly string[]> = {
  'object-detection': ['ingest-dataset', 'split-dataset'],
  'movie-recommender': ['publish', 'qa', 'upload-movies', 'upload-splits'],
};
/** Credentials in the compiling shell, as a developer or CI would have them: none may reach the YAML. */
const PLANTED = {
  AWS_ACCESS_KEY_ID: 'AKIAPLANTEDSTOREPARAMS',
  AWS_SECRET_ACCESS_KEY: 'planted-secret-store-params-0123456789',
  S3_ACCESS_KEY: 'planted-s3-access-key-42',
  S3_SECRET_KEY: 'planted-s3-secret-key-42',
  S3_ENDPOINT: 'http://planted-endpoint.example:9000',
  AWS_REGION: 'planted-region-9',
};

/** The parts of the compiled YAML (IR and platform spec) these checks read. */
interface PipelineSpec {
  readonly root: {
    readonly inputDefinitions: {
      readonly parameters: Record<string, { parameterType?: string; defaultValue?: unknown }>;
    };
    readonly dag: {
      readonly tasks: Record<
        string,
        { componentRef: { name: string }; inputs?: { parameters?: Record<string, unknown> } }
      >;
    };
  };
  readonly components: Record<string, { executorLabel?: string }>;
}
interface SecretAsEnv {
  readonly secretName: string;
  readonly keyToEnv: unknown;
}
type Executors = Record<string, { secretAsEnv?: SecretAsEnv[] }>;
interface PlatformSpec {
  readonly platforms?: { kubernetes?: { deploymentSpec?: { executors?: Executors } } };
}

describe('store location parameters in the compiled pipelines', () => {
  let compiled: CompileAllResult;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const [name, value] of Object.entries(PLANTED)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const out = await mkdtemp(join(tmpdir(), 'store-params-'));
    compiled = await compileAll({ root, outDir: out, images: resolveImageOptions({}, {}), bundle: false });
  }, 60_000);
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const load = async (name: string) => {
    const file = compiled.pipelines.find((p) => p.name === name)?.file ?? '';
    const text = await readFile(file, 'utf8');
    const [spec, platform] = parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
    const executors = (platform as PlatformSpec | undefined)?.platforms?.kubernetes?.deploymentSpec
      ?.executors;
    return { text, spec: spec as PipelineSpec, executors: executors ?? {} };
  };

  it.each(Object.keys(STORE_TASKS))(
    '%s: endpoint, region, bucket and prefix are run parameters',
    async (name) => {
      const { spec } = await load(name);
      const params = spec.root.inputDefinitions.parameters;
      for (const input of STORE_INPUTS) expect(params[input]?.parameterType, input).toBe('STRING');
      // Empty: the task's environment decides, then the SDK's default (docs/storage.md).
      expect(params.s3_endpoint?.defaultValue).toBe('');
      expect(params.s3_region?.defaultValue).toBe('');
      expect(params.bucket?.defaultValue).not.toBe('');
      expect(params.prefix?.defaultValue).not.toBe('');
    },
  );

  it.each(Object.keys(STORE_TASKS))(
    '%s: every store task gets all four from the run, and only store tasks hold the Secret',
    async (name) => {
      const { spec, executors } = await load(name);
      const tasks = spec.root.dag.tasks;
      for (const task of STORE_TASKS[name]!) {
        const inputs = tasks[task]?.inputs?.parameters;
        for (const input of STORE_INPUTS) {
          expect(inputs?.[input], `${task}.${input}`).toEqual({ componentInputParameter: input });
        }
      }
      const withSecret = Object.keys(tasks).filter((task) => {
        const component = spec.components[tasks[task]?.componentRef.name ?? ''];
        return executors[component?.executorLabel ?? '']?.secretAsEnv !== undefined;
      });
      expect(withSecret.sort()).toEqual([...STORE_TASKS[name]!]);
    },
  );

  it.each(Object.keys(STORE_TASKS))(
    '%s: credentials are Secret references, and no value from the shell is in the YAML',
    async (name) => {
      const { text, executors } = await load(name);
      for (const executor of Object.values(executors)) {
        for (const secret of executor.secretAsEnv ?? []) {
          expect(secret.secretName).toBe('mlpipeline-minio-artifact');
          expect(secret.keyToEnv).toEqual([
            { envVar: 'AWS_ACCESS_KEY_ID', secretKey: 'accesskey' },
            { envVar: 'AWS_SECRET_ACCESS_KEY', secretKey: 'secretkey' },
          ]);
        }
      }
      for (const [variable, value] of Object.entries(PLANTED)) {
        expect(text.includes(value), `$${variable} of the compiling shell in ${name}.yaml`).toBe(false);
      }
      // No container env names the store either: the location is a parameter, the keys a Secret.
      expect(text).not.toMatch(/name: (AWS_|S3_)/);
    },
  );
});
