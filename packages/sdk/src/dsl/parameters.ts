import { DefinitionError } from './errors.js';

/** Parameter kinds and the IR `parameterType` each compiles to. */
export const PARAMETER_TYPES = {
  string: 'STRING',
  int: 'NUMBER_INTEGER',
  float: 'NUMBER_DOUBLE',
  bool: 'BOOLEAN',
  list: 'LIST',
  struct: 'STRUCT',
} as const;
export type ParameterKind = keyof typeof PARAMETER_TYPES;
export type IrParameterType = (typeof PARAMETER_TYPES)[ParameterKind];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A declared parameter input or output. `Optional` is true exactly when a default is given. */
export interface ParameterSpec<T = unknown, Optional extends boolean = boolean> {
  readonly kind: 'parameter';
  readonly type: ParameterKind;
  readonly optional: Optional;
  readonly default?: T;
  readonly description?: string;
  /** IR `isOptional` for a parameter with a default; true unless set to false (older SDK output omits it). */
  readonly irOptionalFlag?: boolean;
  /** Type-level only: the TypeScript type of the value. */
  readonly __value?: T;
}

export interface ParameterOptions {
  readonly description?: string;
}
export interface ParameterWithDefault<T> extends ParameterOptions {
  readonly default: T;
  /** Write `isOptional: true` beside the default (default true). The backend fills defaults either way. */
  readonly isOptional?: boolean;
}

interface ParameterFactory<T> {
  (options?: ParameterOptions & { readonly default?: undefined }): ParameterSpec<T, false>;
  (options: ParameterWithDefault<T>): ParameterSpec<T, true>;
}

const CHECKS: Record<ParameterKind, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  bool: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  struct: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** True when `value` is a valid literal for a parameter of `kind`. */
export function isParameterValue(kind: ParameterKind, value: unknown): boolean {
  return CHECKS[kind](value);
}

function factory<T>(type: ParameterKind): ParameterFactory<T> {
  return ((
    options: (ParameterOptions & { readonly default?: T; readonly isOptional?: boolean }) | undefined,
  ) => {
    const hasDefault = options?.default !== undefined;
    if (hasDefault && !isParameterValue(type, options?.default)) {
      throw new DefinitionError(
        `param.${type}()`,
        `default ${JSON.stringify(options?.default)} is not a valid ${type}`,
      );
    }
    return {
      kind: 'parameter',
      type,
      optional: hasDefault,
      ...(hasDefault ? { default: options?.default } : {}),
      ...(options?.description ? { description: options.description } : {}),
      ...(hasDefault && options?.isOptional === false ? { irOptionalFlag: false } : {}),
    };
  }) as ParameterFactory<T>;
}

function list<T extends JsonValue = JsonValue>(
  options?: ParameterOptions & { readonly default?: undefined },
): ParameterSpec<T[], false>;
function list<T extends JsonValue = JsonValue>(options: ParameterWithDefault<T[]>): ParameterSpec<T[], true>;
function list(options?: ParameterOptions & { readonly default?: JsonValue[] }): ParameterSpec {
  return factory<JsonValue[]>('list')(options as ParameterWithDefault<JsonValue[]>);
}

function struct<T extends JsonObject = JsonObject>(
  options?: ParameterOptions & { readonly default?: undefined },
): ParameterSpec<T, false>;
function struct<T extends JsonObject = JsonObject>(options: ParameterWithDefault<T>): ParameterSpec<T, true>;
function struct(options?: ParameterOptions & { readonly default?: JsonObject }): ParameterSpec {
  return factory<JsonObject>('struct')(options as ParameterWithDefault<JsonObject>);
}

/** Parameter declarations: `param.string({ default: 'x' })`, `param.int()`, `param.list<string>()`. */
export const param = {
  string: factory<string>('string'),
  int: factory<number>('int'),
  float: factory<number>('float'),
  bool: factory<boolean>('bool'),
  list,
  struct,
} as const;
