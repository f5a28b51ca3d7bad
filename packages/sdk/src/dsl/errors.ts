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
