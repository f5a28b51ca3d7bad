/** A caught value as an `Error` (a thrown string or object becomes the message of one), to rethrow later. */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
