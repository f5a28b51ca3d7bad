import type { ArtifactSchemaTitle } from './artifacts.js';
import { PlaceholderMisuseError } from './errors.js';
import type { ParameterKind } from './parameters.js';

/** Where a parameter value comes from at run time. */
export type ParameterSource =
  | { readonly from: 'pipeline'; readonly name: string }
  | { readonly from: 'task'; readonly task: string; readonly output: string };

abstract class Channel {
  abstract describe(): string;
  [Symbol.toPrimitive](): never {
    throw new PlaceholderMisuseError(this.describe());
  }
  toString(): never {
    throw new PlaceholderMisuseError(this.describe());
  }
  toJSON(): never {
    throw new PlaceholderMisuseError(this.describe());
  }
}

/** A parameter value known only at run time: a pipeline parameter or another task's output parameter. */
export class ParameterChannel<T> extends Channel {
  readonly kind = 'parameter-channel' as const;
  /** Type-level only: the TypeScript type of the value. */
  declare readonly __value?: T;
  constructor(
    readonly type: ParameterKind,
    readonly source: ParameterSource,
  ) {
    super();
  }
  describe(): string {
    return this.source.from === 'pipeline'
      ? `pipeline parameter '${this.source.name}'`
      : `output parameter '${this.source.output}' of task '${this.source.task}'`;
  }
}

/** An artifact produced by another task. */
export class ArtifactChannel<S extends ArtifactSchemaTitle = ArtifactSchemaTitle> extends Channel {
  readonly kind = 'artifact-channel' as const;
  constructor(
    readonly schemaTitle: S,
    readonly task: string,
    readonly output: string,
  ) {
    super();
  }
  describe(): string {
    return `output artifact '${this.output}' of task '${this.task}'`;
  }
}

export function isParameterChannel(value: unknown): value is ParameterChannel<unknown> {
  return value instanceof ParameterChannel;
}

export function isArtifactChannel(value: unknown): value is ArtifactChannel {
  return value instanceof ArtifactChannel;
}
