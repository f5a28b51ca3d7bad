import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What parseFlags returns: option values by name and the positional arguments. */
export interface ParsedFlags<O extends Options> {
  readonly values: ReturnType<
    typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
  >['values'];
  readonly positionals: string[];
}

/** `node:util` parseArgs with strict checking; its errors become `UsageError`s (exit code 2). */
export function parseFlags<O extends Options>(
  args: readonly string[],
  options: O,
  allowPositionals = true,
): ParsedFlags<O> {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
