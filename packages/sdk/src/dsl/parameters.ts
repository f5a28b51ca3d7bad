import { DefinitionError } from './errors.js';
import { pickRules, ruleProblem, type ParameterRules } from './parameter-rules.js';

/** Parameter kinds and the IR `parameterType` each compiles to. */
export const PARAMETER_TYPES = {
  string: 'STRING',
  int: 'NUMBER_INTEGER',
  float: 'NUMBER_DOUBLE',
  bool: 'BOOLEAN',
  list: 'LIST',
  struct: 'STRUCT',
  /** Only for an exit task's input: the final status of the exit handler's tasks (filled by the backend). */
  taskFinalStatus: 'TASK_FINAL_STATUS',
} as const;
export type ParameterKind = keyof typeof PARAMETER_TYPES;
export type IrParameterType = (typeof PARAMETER_TYPES)[ParameterKind];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A declared parameter input or output. `Optional` is true exactly when a default is given; `K` is the kind
 * at the type level, so an `int` output cannot be wired into a `float` input (the official SDK refuses it).
 */
export interface ParameterSpec<
  T = unknown,
  Optional extends boolean = boolean,
  K extends ParameterKind = ParameterKind,
> {
  readonly kind: 'parameter';
  readonly type: K;
  /** For lists: the kind of the elements, when known (the IR type of a `parallelFor` loop item). */
  readonly items?: ParameterKind;
  /** For lists of structs: the kind of the struct fields, when known (the type of `item.field(...)`). */
  readonly fields?: ParameterKind;
  readonly optional: Optional;
  readonly default?: T;
  readonly description?: string;
  /** IR `isOptional` for a parameter with a default; true unless set to false (older SDK output omits it). */
  readonly irOptionalFlag?: boolean;
  /** What a value must be beyond its type; checked at `capstone run`/`submit` and in the component. */
  readonly rules?: ParameterRules;
  /** Type-level only: the TypeScript type of the value. */
  readonly __value?: T;
}

export interface ParameterOptions extends ParameterRules {
  /** Written as the IR `description` of the input (pipeline parameters and component inputs). */
  readonly description?: string;
}
export interface ParameterWithDefault<T> extends ParameterOptions {
  readonly default: T;
  /** Write `isOptional: true` beside the default (default true). The backend fills defaults either way. */
  readonly isOptional?: boolean;
}

/** An input that may be left out with no default (`Optional[str] = None`): the component gets no value. */
export interface OptionalWithoutDefault extends ParameterOptions {
  readonly optional: true;
  readonly default?: undefined;
}

interface ParameterFactory<T, K extends ParameterKind> {
  (
    options?: ParameterOptions & { readonly default?: undefined; readonly optional?: false },
  ): ParameterSpec<T, false, K>;
  (options: ParameterWithDefault<T> | OptionalWithoutDefault): ParameterSpec<T, true, K>;
}

const CHECKS: Record<ParameterKind, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  bool: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  struct: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  taskFinalStatus: () => false,
};

/** True when `value` is a valid literal for a parameter of `kind`. */
export function isParameterValue(kind: ParameterKind, value: unknown): boolean {
  return CHECKS[kind](value);
}

type FactoryOptions<T> = ParameterOptions & {
  readonly default?: T;
  readonly isOptional?: boolean;
  readonly items?: ParameterKind;
  readonly fields?: ParameterKind;
  readonly optional?: boolean;
};

function factory<T, K extends ParameterKind>(type: K): ParameterFactory<T, K> {
  return ((options: FactoryOptions<T> | undefined) => {
    const hasDefault = options?.default !== undefined;
    if (hasDefault && !isParameterValue(type, options?.default)) {
      throw new DefinitionError(
        `param.${type}()`,
        `default ${JSON.stringify(options?.default)} is not a valid ${type}`,
      );
    }
    const rules = pickRules(`param.${type}()`, type, options ?? {});
    const problem = hasDefault && rules ? ruleProblem(rules, options?.default) : undefined;
    if (problem) throw new DefinitionError(`param.${type}()`, `default ${problem}`);
    return {
      kind: 'parameter',
      type,
      optional: hasDefault || options?.optional === true,
      ...(rules ? { rules } : {}),
      ...(hasDefault ? { default: options?.default } : {}),
      ...(options?.description ? { description: options.description } : {}),
      ...(hasDefault && options?.isOptional === false ? { irOptionalFlag: false } : {}),
      ...(options?.items ? { items: options.items } : {}),
      ...(options?.fields ? { fields: options.fields } : {}),
    };
  }) as ParameterFactory<T, K>;
}

/** The TypeScript type of a list element of a known kind. */
export interface KindValue {
  string: string;
  int: number;
  float: number;
  bool: boolean;
  list: JsonValue[];
  struct: JsonObject;
  taskFinalStatus: TaskFinalStatus;
}

/** What an exit task's `param.taskFinalStatus()` input receives (KFP's PipelineTaskFinalStatus). */
export interface TaskFinalStatus {
  /** `SUCCEEDED`, `FAILED`, `CANCELLED`, ... */
  readonly state: string;
  readonly pipelineJobResourceName: string;
  readonly pipelineTaskName: string;
  readonly error: { readonly code?: number; readonly message?: string };
}

interface ListOptions<T> extends ParameterOptions {
  /**
   * The kind of the elements: the type of a `parallelFor` item over this list (the official SDK reads it
   * from `List[str]`, `List[Dict]`, ...). Unknown elements make string-typed items, as in the official SDK.
   */
  readonly items?: ParameterKind;
  /** For lists of structs: the kind of every field (`List[Dict[str, int]]` → `'int'`). */
  readonly fields?: ParameterKind;
  readonly default?: T;
  readonly isOptional?: boolean;
}

function list<T extends JsonValue = JsonValue>(
  options?: ListOptions<T[]> & { readonly default?: undefined },
): ParameterSpec<T[], false, 'list'>;
function list<T extends JsonValue = JsonValue>(
  options: ListOptions<T[]> & { readonly default: T[] },
): ParameterSpec<T[], true, 'list'>;
function list(options?: ListOptions<JsonValue[]>): ParameterSpec {
  return factory<JsonValue[], 'list'>('list')(options as ParameterWithDefault<JsonValue[]>);
}

function struct<T extends JsonObject = JsonObject>(
  options?: ParameterOptions & { readonly default?: undefined },
): ParameterSpec<T, false, 'struct'>;
function struct<T extends JsonObject = JsonObject>(
  options: ParameterWithDefault<T>,
): ParameterSpec<T, true, 'struct'>;
function struct(options?: ParameterOptions & { readonly default?: JsonObject }): ParameterSpec {
  return factory<JsonObject, 'struct'>('struct')(options as ParameterWithDefault<JsonObject>);
}

/** `param.taskFinalStatus()`: an exit task input that receives how the exit handler's tasks ended. */
function taskFinalStatus(
  options?: ParameterOptions,
): ParameterSpec<TaskFinalStatus, true, 'taskFinalStatus'> {
  return {
    kind: 'parameter',
    type: 'taskFinalStatus',
    optional: true,
    ...(options?.description ? { description: options.description } : {}),
  };
}

/** Parameter declarations: `param.string({ default: 'x' })`, `param.int()`, `param.list<string>()`. */
export const param = {
  string: factory<string, 'string'>('string'),
  int: factory<number, 'int'>('int'),
  float: factory<number, 'float'>('float'),
  bool: factory<boolean, 'bool'>('bool'),
  list,
  struct,
  taskFinalStatus,
} as const;
