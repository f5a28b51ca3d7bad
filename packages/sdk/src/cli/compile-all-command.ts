import { resolveImageOptions } from '../compiler/index.js';
import { compileAll } from '../build/index.js';
import type { CliCommand } from './command.js';
import { parseFlags } from './parse-flags.js';
import { findRepoRoot } from './repo-root.js';

export const compileAllCommand: CliCommand = {
  name: 'compile-all',
  summary: 'Compile every pipeline in projects/* and examples/, write the image manifest, bundle components',
  usage: `Usage: capstone compile-all [--registry R] [--tag T] [--no-bundle]

Writes dist/pipelines/<pipeline>.yaml, dist/components/<project>/<component>.yaml,
dist/pipelines/images.json (component -> image) and dist/images/<project>-<component>/main.mjs.

  --registry R   image registry (default: $CAPSTONE_IMAGE_REGISTRY or ghcr.io/kubeflow-capstones)
  --tag T        image tag (default: $CAPSTONE_IMAGE_TAG or latest)
  --no-bundle    skip bundling the component entry points`,
  async run(args, context) {
    const { values } = parseFlags(
      args,
      { registry: { type: 'string' }, tag: { type: 'string' }, 'no-bundle': { type: 'boolean' } },
      false,
    );
    const images = resolveImageOptions({ registry: values.registry, tag: values.tag }, context.env);
    const root = findRepoRoot(context.cwd);
    const result = await compileAll({
      root,
      images,
      bundle: !values['no-bundle'],
      log: (line) => context.stdout.write(`${line}\n`),
    });
    context.stdout.write(
      `compiled ${result.pipelines.length} pipelines and ${result.components.length} components (images ${images.registry}/*:${images.tag})\n`,
    );
    return 0;
  },
};
