/** A pipeline or component definition that cannot be compiled; the message names the bad value. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(`${subject}: ${message}`);
  }
}

/** A placeholder or task output used where only a literal string can go (e.g. a template string). */
export class PlaceholderMisuseError extends Error {
  override readonly name = 'PlaceholderMisuseError';
  constructor(readonly what: string) {
    super(
      `${what} cannot be converted to a string here; pass it as a whole command/args element, or use the fmt\`...\` tag to build an element from text and placeholders`,
    );
  }
}

/**
 * Text that is not a value of the parameter type, by the KFP launcher's rule (`parseParameterText`).
 * `expected` says what was wanted in words: an integer, a number, true or false, JSON, a JSON array or object.
 */
export class ParameterTextError extends Error {
  override readonly name = 'ParameterTextError';
  constructor(
    readonly expected: string,
    readonly text: string,
  ) {
    super(`expected ${expected}, got '${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`);
  }
}
