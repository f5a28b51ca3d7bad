// The one rule for "this name holds a credential": env vars, query parameters, JSON keys, CLI flags.

/** Name segments that mark a credential on their own (`AWS_SECRET_ACCESS_KEY`, `X-Amz-Signature`, `sig`). */
const CREDENTIAL_SEGMENTS = new Set([
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASSPHRASE',
  'TOKEN',
  'TOKENS',
  'CREDENTIAL',
  'CREDENTIALS',
  'COOKIE',
  'COOKIES',
  'SESSION',
  'AUTHORIZATION',
  'SIGNATURE',
  'SIG',
  'APIKEY',
  'ACCESSKEY',
  'SECRETKEY',
  'PRIVATEKEY',
]);

/** A `KEY` segment is a credential after these (`ACCESS_KEY`, `API_KEY`); alone it is not (`CACHE_KEY`). */
const KEY_QUALIFIERS = new Set(['ACCESS', 'PRIVATE', 'API', 'ACCOUNT', 'SIGNING', 'MASTER', 'ENCRYPTION']);

/** Query parameters that carry credentials by convention although their name says nothing (Google `key`). */
const CREDENTIAL_QUERY_NAMES = new Set(['key', 'code', 'auth', 'hmac', 'rlkey', 'pass', 'pwd']);

/** `AWSAccessKeyId` → `AWS`, `ACCESS`, `KEY`, `ID`; `x-amz-credential` → `X`, `AMZ`, `CREDENTIAL`. */
export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((segment) => segment.length > 0);
}

/**
 * True when a variable, parameter or field of this name holds a credential: one of its segments is
 * SECRET, PASSWORD, TOKEN, CREDENTIAL, COOKIE, SESSION, SIGNATURE, SIG, AUTHORIZATION (or a plural),
 * or it has ACCESS/PRIVATE/API/ACCOUNT… followed by KEY. Segments, not substrings: `TOKENIZERS_PARALLELISM`
 * and `CACHE_KEY` are not credentials.
 */
export function isCredentialName(name: string): boolean {
  const segments = nameSegments(name);
  return segments.some(
    (segment, index) =>
      CREDENTIAL_SEGMENTS.has(segment) ||
      (segment === 'KEY' && index > 0 && KEY_QUALIFIERS.has(segments[index - 1] ?? '')),
  );
}

/**
 * True for a URL query parameter whose value must not be shown: a credential name (`X-Amz-Signature`,
 * `X-Amz-Credential`, `X-Amz-Security-Token`, Azure's `sig`, `access_token`) or a conventional short name
 * (Google's `key`, OAuth's `code`, Dropbox's `rlkey`).
 */
export function isCredentialQueryName(name: string): boolean {
  return isCredentialName(name) || CREDENTIAL_QUERY_NAMES.has(name.toLowerCase());
}
