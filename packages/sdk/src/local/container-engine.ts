// `--engine container`: every task runs inside its own image with buildah, getting only what a KFP pod gets.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerEngineError } from './errors.js';
import { passthroughImageResolver, type ImageResolver } from './image-resolver.js';
import {
  runProcess,
  type LaunchTarget,
  type ProcessLauncher,
  type ProcessResult,
  type RunProcessOptions,
} from './run-process.js';

/** How a run starts its tasks: which command an image runs, and how each attempt's process is launched. */
export interface TaskEngine {
  readonly imageResolver: ImageResolver;
  readonly launch: ProcessLauncher;
}

export interface ContainerEngineOptions {
  /** The buildah program (default `buildah`). */
  readonly buildah?: string;
  /** Env of the buildah commands themselves (storage settings, PATH); default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Where the object store is, which a cluster gives a pod through its DNS and configuration (the components
 * default to Kubeflow's in-cluster service) and which this machine has to name: passed on when set.
 * Credentials are not among them: a task gets those only through the YAML's Secret mappings.
 */
export const STORE_LOCATION_VARS = ['S3_ENDPOINT', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'S3_REGION'] as const;

interface Output {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs each task as a KFP pod would: a fresh container of the task's image (never pulled: it must have been
 * built here), the YAML's command and args unchanged, the image's user and working directory, the
 * container env of the YAML, the Secret-mapped variables (values from the runner's env, as locally your
 * shell plays the Secret) and the object-store location; no other variable of this machine. The input
 * artifacts are mounted read-only and the attempt folder read-write, at the paths the placeholders name.
 * Secret values go through a file read by the container's shell, never on a command line.
 */
export function createContainerEngine(options: ContainerEngineOptions = {}): TaskEngine {
  const buildah = options.buildah ?? 'buildah';
  const env = options.env ?? process.env;
  const run = (args: readonly string[]) => exec(buildah, args, env);
  return {
    imageResolver: passthroughImageResolver,
    launch: (processOptions, target) => launchInContainer(run, buildah, env, processOptions, target),
  };
}

async function launchInContainer(
  run: (args: readonly string[]) => Promise<Output>,
  buildah: string,
  buildahEnv: NodeJS.ProcessEnv,
  options: RunProcessOptions,
  target: LaunchTarget,
): Promise<ProcessResult> {
  const created = await run(['from', '--pull=never', '--quiet', target.image]);
  if (created.code !== 0) {
    throw new ContainerEngineError(target.image, `no such local image (${lastLine(created.stderr)})`);
  }
  const container = created.stdout.trim();
  const scratch = await mkdtemp(join(tmpdir(), 'capstone-task-'));
  try {
    const user = await containerUser(run, container);
    for (const path of target.writes) await chownTree(path, user);
    const env = containerEnv(options.env, target);
    const secrets = secretFile(options.env, target);
    const args = ['run', '--network', 'host'];
    for (const [name, value] of Object.entries(env)) args.push('--env', `${name}=${value}`);
    for (const path of target.reads.filter((p) => existsSync(p))) args.push('--volume', `${path}:${path}:ro`);
    for (const path of target.writes) args.push('--volume', `${path}:${path}:rw`);
    let argv = options.argv;
    if (secrets) {
      const file = join(scratch, 'secrets.env');
      await writeFile(file, secrets, { mode: 0o600 });
      await chown(scratch, user.uid, user.gid);
      await chown(file, user.uid, user.gid);
      args.push('--volume', `${scratch}:/run/capstone-secrets:ro`);
      argv = ['/bin/sh', '-c', SOURCE_SECRETS, 'sh', ...options.argv];
    }
    return await runProcess({
      ...options,
      argv: [buildah, ...args, container, '--', ...argv],
      env: stringEnv(buildahEnv),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await run(['rm', container]);
  }
}

/** Exports the Secret-mapped variables, then runs the YAML's command line unchanged. */
const SOURCE_SECRETS = 'set -a; . /run/capstone-secrets/secrets.env; set +a; exec "$@"';

/** The YAML's container env and the object-store location, from the env the runner prepared for the task. */
export function containerEnv(
  taskEnv: Readonly<Record<string, string>>,
  target: LaunchTarget,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...STORE_LOCATION_VARS, ...target.containerEnv]) {
    const value = taskEnv[name];
    if (value !== undefined && !target.secretEnv.includes(name)) env[name] = value;
  }
  return env;
}

/** `NAME='value'` lines for the Secret-mapped variables that are set; undefined when there are none. */
export function secretFile(
  taskEnv: Readonly<Record<string, string>>,
  target: LaunchTarget,
): string | undefined {
  const lines = target.secretEnv
    .filter((name) => taskEnv[name] !== undefined)
    .map((name) => `${name}='${(taskEnv[name] ?? '').replaceAll("'", `'\\''`)}'`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : undefined;
}

interface User {
  readonly uid: number;
  readonly gid: number;
}

/** The image's USER as numbers (names are looked up inside the container). */
async function containerUser(run: (args: readonly string[]) => Promise<Output>, container: string) {
  const config = await run([
    'inspect',
    '--type',
    'container',
    '--format',
    '{{.OCIv1.Config.User}}',
    container,
  ]);
  const [user = '', group] = config.stdout.trim().split(':');
  if (/^\d+$/.test(user) && (group === undefined || /^\d+$/.test(group))) {
    return { uid: Number(user), gid: Number(group ?? user) };
  }
  const ids = await run(['run', container, '--', 'sh', '-c', 'id -u; id -g']);
  const [uid, gid] = ids.stdout.trim().split('\n').map(Number);
  if (ids.code !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new ContainerEngineError(container, `cannot resolve the image user '${user}'`);
  }
  return { uid: uid as number, gid: gid as number };
}

/** The attempt folder becomes the container user's, as an emptyDir is writable by the pod's user. */
async function chownTree(path: string, user: User): Promise<void> {
  await chown(path, user.uid, user.gid);
  if (!(await stat(path)).isDirectory()) return;
  await chmod(path, 0o755);
  for (const entry of await readdir(path)) await chownTree(join(path, entry), user);
}

function exec(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Output> {
  return new Promise((resolve) => {
    execFile(program, args, { env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (error && !stderr ? error.message : '') });
    });
  });
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
