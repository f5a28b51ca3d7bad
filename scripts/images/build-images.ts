// Builds every component image of the image manifest, and the Jupyter notebook image, with buildah: from the
// real Dockerfiles with the build args images.yml uses (packages/sdk/src/build/dockerfile-builds.ts), on the
// local stand-ins of their bases (scripts/images/bootstrap-bases.sh), never pulling. Prints each image with
// its size and build time.
//
//   . scripts/images/env.sh
//   node --conditions=source --import tsx scripts/images/build-images.ts [--manifest FILE] [--notebook]
//        [--skip-components] [--keep PIPELINE.yaml ...]
//
// --keep: afterwards remove every component image the given compiled pipelines do not use (their layers
// cost disk where buildah copies layers whole); without it every image stays.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildahBudCommand,
  componentDockerBuild,
  localBaseArgs,
  NOTEBOOK_DOCKERFILE,
  notebookDockerBuild,
  parseDockerfile,
  pipelineImages,
  type ComponentDockerBuild,
} from '@capstone/sdk/build';
import { DEFAULT_MANIFEST, readManifest } from '../images-matrix.js';

interface Built {
  readonly image: string;
  readonly size: string;
  readonly seconds: number;
}

function run(
  argv: readonly string[],
  quiet = true,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const [program = '', ...args] = argv;
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!quiet) process.stderr.write(chunk);
    });
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * This machine's extra CA (a TLS-intercepting proxy in front of the npm registry), mounted into RUN steps
 * and named by the build arg the Dockerfiles declare for npm and pnpm; nothing of it stays in the image.
 */
function extraCaFlags(dockerfileText: string): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file || !existsSync(file) || !/\bNODE_EXTRA_CA_CERTS\b/.test(dockerfileText)) return [];
  return ['--volume', `${file}:${file}:ro`, '--build-arg', `NODE_EXTRA_CA_CERTS=${file}`];
}

async function build(spec: ComponentDockerBuild): Promise<Built> {
  const started = Date.now();
  const text = await readFile(spec.dockerfile, 'utf8');
  const [buildah = 'buildah', bud = 'bud', ...rest] = buildahBudCommand(
    spec,
    localBaseArgs(parseDockerfile(text)),
  );
  const result = await run([buildah, bud, '--quiet', ...extraCaFlags(text), ...rest]);
  if (result.code !== 0) {
    throw new Error(`${spec.name}: buildah bud exited ${result.code}\n${result.stderr.trim().slice(-4000)}`);
  }
  const image = spec.tags[0] ?? spec.name;
  const size = await run(['buildah', 'images', '--format', '{{.Size}}', image]);
  return { image, size: size.stdout.trim(), seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      manifest: { type: 'string', default: DEFAULT_MANIFEST },
      notebook: { type: 'boolean', default: false },
      'skip-components': { type: 'boolean', default: false },
      keep: { type: 'string', multiple: true },
    },
  });
  const manifest = await readManifest(resolve(values.manifest));
  const builds = values['skip-components'] ? [] : manifest.images.map((entry) => componentDockerBuild(entry));
  if (values.notebook) {
    builds.push(notebookDockerBuild('jupyter', { registry: manifest.registry, tag: manifest.tag }));
  }
  const built: Built[] = [];
  for (const spec of builds) {
    const result = await build(spec);
    built.push(result);
    process.stdout.write(`image ${result.image}  ${result.size}  (${result.seconds.toFixed(1)} s)\n`);
  }
  const total = built.reduce((sum, b) => sum + b.seconds, 0);
  process.stdout.write(
    `built ${built.length} images in ${total.toFixed(0)} s (${NOTEBOOK_DOCKERFILE} included: ${values.notebook})\n`,
  );
  if (values.keep) {
    const keep = new Set<string>();
    for (const file of values.keep) {
      for (const { image } of pipelineImages(await readFile(file, 'utf8'))) keep.add(image);
    }
    const drop = manifest.images.map((entry) => entry.image).filter((image) => !keep.has(image));
    if (drop.length > 0) await run(['buildah', 'rmi', ...drop]);
    await run(['buildah', 'rmi', '--prune']);
    process.stdout.write(
      `kept ${keep.size} component images for ${values.keep.join(', ')}; removed ${drop.length}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`build-images: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
