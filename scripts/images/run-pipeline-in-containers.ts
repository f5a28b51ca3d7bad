// Runs one compiled pipeline with every task inside its own image (`--engine container`: buildah, the images
// built by build-images.ts, never pulled) against a real S3 server, on the project's generated sample data
// served from loopback, and prints the QA task's report. Exits 1 unless the run succeeded.
//
//   . scripts/images/env.sh
//   S3_ENDPOINT=… S3_ACCESS_KEY=… S3_SECRET_KEY=… [S3_REGION=…] \
//   node --conditions=source --import tsx scripts/images/run-pipeline-in-containers.ts [PIPELINE]
//
// The tasks get only what a Kubeflow pod gets: the S3 keys reach the upload and QA tasks through the YAML's
// Secret mapping (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, here taken from this process's env), the
// endpoint as the cluster's object-store location (see STORE_LOCATION_VARS).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { discoverProjects } from '@capstone/sdk/build';
import { createConsoleReporter, createContainerEngine, runPipeline } from '@capstone/sdk/local';
import { startLoopbackServer, type CapstoneSample } from '@capstone/sdk/samples';

const root = resolve(import.meta.dirname, '../..');

async function sampleFor(pipeline: string): Promise<CapstoneSample> {
  for (const project of discoverProjects(root)) {
    if (!project.sampleModule) continue;
    const { sample } = (await import(pathToFileURL(project.sampleModule).href)) as { sample: CapstoneSample };
    if (sample.pipeline === pipeline) return sample;
  }
  throw new Error(`no sample dataset for pipeline ${pipeline}`);
}

function s3Env(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const missing = ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')} (the S3 server the tasks write to)`);
  return {
    ...env,
    AWS_ACCESS_KEY_ID: env.S3_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: env.S3_SECRET_KEY,
    AWS_REGION: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
  };
}

async function main(pipeline: string): Promise<number> {
  const env = s3Env(process.env);
  const sample = await sampleFor(pipeline);
  const prepared = await sample.prepare({
    dir: join(root, '.data/samples', pipeline, 'small'),
    scale: 'small',
  });
  const server = await startLoopbackServer();
  for (const route of prepared.routes) server.route(route.path, route.route);
  const bucket = `capstone-containers-${randomBytes(4).toString('hex')}`;
  process.stdout.write(`${pipeline}: ${prepared.summary}; every task in its own image; bucket ${bucket}\n`);
  const reporter = createConsoleReporter({ stdout: process.stdout, stderr: process.stderr, isTTY: false });
  try {
    const result = await runPipeline({
      pipelineFile: join(root, 'dist/pipelines', `${pipeline}.yaml`),
      parameters: { ...prepared.parameters(server.url), bucket },
      engine: createContainerEngine({ env }),
      env,
      cwd: root,
      cache: false,
      onEvent: reporter.onEvent,
    });
    reporter.printSummary(result);
    const qa = Object.entries(result.tasks).find(([name]) => name === 'qa')?.[1];
    const report = qa?.artifacts['report'];
    if (report?.exists)
      process.stdout.write(`\nQA (${report.path}):\n${await readFile(report.path, 'utf8')}\n`);
    process.stdout.write(`container run of ${pipeline}: ${result.status}\n`);
    return result.exitCode;
  } finally {
    await server.close();
  }
}

main(process.argv[2] ?? 'movie-recommender').then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(
      `run-pipeline-in-containers: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
