import { UsageError, type CliCommand, type CliContext } from '../command.js';

/** One subcommand of a group (`capstone pipeline create`): its help and its run function. */
export interface Subcommand {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}

export interface GroupSpec {
  readonly name: string;
  readonly summary: string;
  readonly subcommands: Readonly<Record<string, Subcommand>>;
  /** Other names for subcommands, e.g. the `kfp` CLI's deprecated `upload` for `create`. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Text after the list of subcommands in the group's help. */
  readonly footer?: string;
}

/** A command that dispatches to its subcommands, like `kfp pipeline <create|list|...>`. */
export function defineGroup(spec: GroupSpec): CliCommand {
  const names = Object.keys(spec.subcommands);
  const width = Math.max(...names.map((name) => name.length));
  const usage = [
    `Usage: capstone ${spec.name} <command> [options]`,
    '',
    spec.summary,
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${spec.subcommands[name]?.summary ?? ''}`),
    ...(spec.footer ? ['', spec.footer] : []),
    '',
    `Run 'capstone ${spec.name} <command> --help' for a command's options.`,
  ].join('\n');
  const find = (name: string | undefined) =>
    name === undefined ? undefined : spec.subcommands[spec.aliases?.[name] ?? name];
  return {
    name: spec.name,
    summary: spec.summary,
    usage,
    helpFor: (args) => find(args[0])?.usage ?? usage,
    async run(args, context) {
      const [name, ...rest] = args;
      const subcommand = find(name);
      if (!subcommand) {
        throw new UsageError(
          name
            ? `unknown command '${spec.name} ${name}' (commands: ${names.join(', ')})`
            : `expected a command: ${names.join(', ')}`,
        );
      }
      return subcommand.run(rest, context);
    },
  };
}
