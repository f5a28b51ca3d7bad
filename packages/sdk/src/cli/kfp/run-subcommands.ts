/**
 * First arguments that make `capstone run …` the KFP run group (`kfp run create`, …) rather than the local
 * runner (`capstone run <pipeline>`). Kept apart so the dispatcher decides without loading either command;
 * `kfp-commands.test.ts` checks it lists exactly the group's subcommands and aliases.
 */
export const KFP_RUN_SUBCOMMANDS = [
  'create',
  'submit',
  'get',
  'list',
  'terminate',
  'retry',
  'archive',
  'unarchive',
  'delete',
] as const;

export function isKfpRunSubcommand(arg: string | undefined): boolean {
  return (KFP_RUN_SUBCOMMANDS as readonly (string | undefined)[]).includes(arg);
}
