// Rules a parameter's value must meet beyond its type, checked in one place by everyone who sees a value:
// the compiler (defaults), `capstone run` / `capstone submit` (before anything starts) and each component
// (before its first write). The compiled YAML carries them for the CLI: `deploymentSpec.capstone.parameterChecks`.
import { DefinitionError } from './errors.js';

export interface ParameterRules {
  /** The only values allowed. */
  readonly oneOf?: readonly (string | number)[];
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** A JavaScript regular expression the whole string must match. */
  readonly pattern?: string;
  /** What `pattern` stands for, in words (`an S3 bucket name`): messages say it. */
  readonly expected?: string;
}

/** sklearn's (numpy's) seed range, which `random_state` parameters follow: 0 ≤ n ≤ 2³² − 1. */
export const RANDOM_STATE_RULES: ParameterRules = { min: 0, max: 2 ** 32 - 1 };

/** One rule set on a pipeline parameter, and where it comes from (the parameter itself or an input it feeds). */
export interface ParameterCheck extends ParameterRules {
  readonly from: string;
}

/** The block the compiler writes under `deploymentSpec.capstone` (a free Struct a KFP backend ignores). */
export interface CapstoneDeploymentExtras {
  readonly parameterChecks?: Readonly<Record<string, readonly ParameterCheck[]>>;
}

const RULE_KEYS = ['oneOf', 'min', 'max', 'pattern', 'expected'] as const;

/** True when at least one rule is set. */
export function hasRules(rules: ParameterRules | undefined): rules is ParameterRules {
  return rules !== undefined && RULE_KEYS.some((key) => rules[key] !== undefined);
}

/** The rules of `options` (unset ones left out), checked against the parameter's kind. */
export function pickRules(
  subject: string,
  kind: string,
  options: ParameterRules,
): ParameterRules | undefined {
  const rules = Object.fromEntries(
    RULE_KEYS.flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])),
  ) as ParameterRules;
  if (!hasRules(rules)) return undefined;
  const numeric = kind === 'int' || kind === 'float';
  if ((rules.min !== undefined || rules.max !== undefined) && !numeric)
    throw new DefinitionError(subject, `min/max apply to int and float parameters, not ${kind}`);
  if (rules.pattern !== undefined) {
    if (kind !== 'string')
      throw new DefinitionError(subject, `pattern applies to string parameters, not ${kind}`);
    try {
      new RegExp(rules.pattern, 'u');
    } catch (error) {
      throw new DefinitionError(
        subject,
        `pattern ${rules.pattern} is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  }
  if (rules.oneOf?.some((value) => typeof value !== (numeric ? 'number' : 'string')))
    throw new DefinitionError(
      subject,
      `oneOf values must all be ${numeric ? 'numbers' : 'strings'} for a ${kind} parameter`,
    );
  return rules;
}

const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/** Why `value` breaks the rules (a phrase after the parameter's name), or undefined when it meets them. */
export function ruleProblem(rules: ParameterRules, value: unknown): string | undefined {
  if (rules.oneOf && !rules.oneOf.includes(value as string | number))
    return `${show(value)} is not allowed; expected one of ${rules.oneOf.map(show).join(', ')}`;
  if (typeof value === 'number') {
    if (rules.min !== undefined && value < rules.min) return `${value} is below the minimum ${rules.min}`;
    if (rules.max !== undefined && value > rules.max) return `${value} is above the maximum ${rules.max}`;
  }
  if (
    rules.pattern !== undefined &&
    typeof value === 'string' &&
    !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value)
  )
    return `${show(value)} is not ${rules.expected ?? `a match of /${rules.pattern}/`}`;
  return undefined;
}

export interface ParameterProblem {
  readonly parameter: string;
  readonly problem: string;
  readonly from: string;
}

/** Every problem of `values` against the pipeline's checks (a parameter left out is checked by type elsewhere). */
export function checkPipelineParameters(
  checks: Readonly<Record<string, readonly ParameterCheck[]>>,
  values: Readonly<Record<string, unknown>>,
): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  for (const [parameter, list] of Object.entries(checks)) {
    if (!(parameter in values)) continue;
    for (const check of list) {
      const problem = ruleProblem(check, values[parameter]);
      if (problem) problems.push({ parameter, problem, from: check.from });
    }
  }
  return problems;
}

/** One line per problem: `ratings_parquet_compression 'lz4' is not allowed; ... (task 'convert-ratings' input 'compression')`. */
export function describeProblems(problems: readonly ParameterProblem[]): string {
  return problems.map((p) => `${p.parameter} ${p.problem} (${p.from})`).join('; ');
}

/** Reads `deploymentSpec.capstone.parameterChecks` of a parsed PipelineSpec; `{}` when there is none. */
export function readParameterChecks(spec: unknown): Record<string, ParameterCheck[]> {
  const deployment = (spec as { deploymentSpec?: { capstone?: CapstoneDeploymentExtras } } | null)
    ?.deploymentSpec;
  const raw = deployment?.capstone?.parameterChecks;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null)
    throw new TypeError('deploymentSpec.capstone.parameterChecks must be a map');
  const checks: Record<string, ParameterCheck[]> = {};
  for (const [name, list] of Object.entries(raw)) {
    if (!Array.isArray(list))
      throw new TypeError(`deploymentSpec.capstone.parameterChecks.${name} must be a list`);
    checks[name] = list.map((item: ParameterCheck, index) => {
      const rules = pickRules(`parameterChecks.${name}[${index}]`, kindOf(item), item);
      return { ...rules, from: typeof item.from === 'string' ? item.from : `parameter '${name}'` };
    });
  }
  return checks;
}

/** The kind a stored check applies to, inferred from its rules (the YAML does not repeat the type). */
function kindOf(rules: ParameterRules): string {
  if (rules.min !== undefined || rules.max !== undefined || rules.oneOf?.some((v) => typeof v === 'number'))
    return 'float';
  return 'string';
}
