// Errors of the movie-recommender components.

/** One or more QA checks failed; the message names each failed check and what it found. */
export class QaFailedError extends Error {
  override readonly name = 'QaFailedError';
  constructor(readonly failed: readonly { readonly name: string; readonly detail: string }[]) {
    super(
      `QA failed ${failed.length} check${failed.length === 1 ? '' : 's'}: ` +
        failed.map((check) => `${check.name}: ${check.detail}`).join('; '),
    );
  }
}

/** Two parameters that must differ were given the same value. */
export class ConflictingParametersError extends Error {
  override readonly name = 'ConflictingParametersError';
  constructor(
    readonly names: readonly [string, string],
    readonly value: string,
  ) {
    super(`${names[0]} and ${names[1]} are both '${value}'; expected two different values`);
  }
}

/** A string parameter outside its allowed values. */
export class UnsupportedChoiceError extends Error {
  override readonly name = 'UnsupportedChoiceError';
  constructor(
    readonly parameter: string,
    readonly value: string,
    readonly allowed: readonly string[],
  ) {
    super(`${parameter} '${value}' is not supported; expected one of ${allowed.join(', ')}`);
  }
}

/** `name` renames a single file; a folder's files keep their own names. */
export class NameForFolderError extends Error {
  override readonly name = 'NameForFolderError';
  constructor(
    readonly objectName: string,
    readonly folder: string,
  ) {
    super(`name '${objectName}' applies to a file source, but ${folder} is a folder; leave name empty`);
  }
}
