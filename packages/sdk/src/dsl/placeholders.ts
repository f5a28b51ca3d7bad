import { PlaceholderMisuseError } from './errors.js';

/**
 * The placeholders an OSS KFP backend resolves inside command/args elements. Each kind renders one way;
 * nothing else (Concat, IfPresent, `{{$.outputs.output_file}}`, artifact metadata) is emitted.
 */
export type PlaceholderKind =
  | 'input-value'
  | 'input-path'
  | 'input-uri'
  | 'output-path'
  | 'output-uri'
  | 'output-parameter-file'
  | 'executor-input';

export class Placeholder {
  constructor(
    readonly kind: PlaceholderKind,
    readonly name: string,
  ) {}

  render(): string {
    const q = `['${this.name}']`;
    switch (this.kind) {
      case 'input-value':
        return `{{$.inputs.parameters${q}}}`;
      case 'input-path':
        return `{{$.inputs.artifacts${q}.path}}`;
      case 'input-uri':
        return `{{$.inputs.artifacts${q}.uri}}`;
      case 'output-path':
        return `{{$.outputs.artifacts${q}.path}}`;
      case 'output-uri':
        return `{{$.outputs.artifacts${q}.uri}}`;
      case 'output-parameter-file':
        return `{{$.outputs.parameters${q}.output_file}}`;
      case 'executor-input':
        return '{{$}}';
    }
  }

  [Symbol.toPrimitive](): never {
    throw new PlaceholderMisuseError(`placeholder ${this.render()}`);
  }
  toString(): never {
    throw new PlaceholderMisuseError(`placeholder ${this.render()}`);
  }
}

/** One command/args element built from literal text and placeholders: fmt`--out=${outputs.data.path}`. */
export class Template {
  constructor(readonly parts: readonly (string | Placeholder)[]) {}
  render(): string {
    return this.parts.map((part) => (typeof part === 'string' ? part : part.render())).join('');
  }
}

export type CommandElement = string | Placeholder | Template;

export function fmt(strings: TemplateStringsArray, ...values: (string | number | Placeholder)[]): Template {
  const parts: (string | Placeholder)[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push(text);
    if (i < values.length) {
      const value = values[i];
      parts.push(value instanceof Placeholder ? value : String(value));
    }
  });
  return new Template(parts);
}

export function renderElement(element: CommandElement): string {
  return typeof element === 'string' ? element : element.render();
}

export const EXECUTOR_INPUT = new Placeholder('executor-input', '');
