// The one redaction function: logs, errors, run records, reports and the KFP client's errors all use it.
import { isCredentialName, isCredentialQueryName } from './credential-names.js';

/** What every masked value becomes. */
export const REDACTED = '***';

export interface RedactOptions {
  /** Values of this environment's credential-named variables are masked wherever they appear. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Further secret values, e.g. a bearer token or a cookie in use. */
  readonly secrets?: readonly (string | undefined)[];
}

/** Masks secrets in a piece of text; build one per environment with `createRedactor` and reuse it. */
export type Redactor = (text: string) => string;

/** Shorter values are too likely to be ordinary words or numbers to mask everywhere. */
const MIN_SECRET_LENGTH = 4;
const NOT_SECRETS = new Set(['true', 'false', 'null', 'none', 'yes', 'no', 'on', 'off', 'undefined']);

/** The values of credential-named variables (`AWS_SECRET_ACCESS_KEY`, `KF_PIPELINES_TOKEN`, …). */
export function credentialValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && isCredentialName(name))
    .map(([, value]) => value as string);
}

function literalSecrets(options: RedactOptions): string[] {
  const values = [...credentialValues(options.env ?? {}), ...(options.secrets ?? [])];
  const literals = new Set<string>();
  for (const raw of values) {
    const value = raw?.trim();
    if (!value || value.length < MIN_SECRET_LENGTH || NOT_SECRETS.has(value.toLowerCase())) continue;
    literals.add(value);
    literals.add(encodeURIComponent(value));
    literals.add(JSON.stringify(value).slice(1, -1));
  }
  return [...literals].sort((a, b) => b.length - a.length);
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;
// The value stops before trailing punctuation (`…?token=abc: failed`), which belongs to the sentence.
const QUERY_PARAM = /([?&#])([^=&#\s"'<>?]+)=([^&#\s"'<>]*?)(?=[:;,.)\]]*(?:[&#\s"'<>]|$))/g;
const ASSIGNMENT = /(^|[\s,;({[-])([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s,;&)}\]]+)/g;
const JSON_FIELD = /"([^"\\]{1,100})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g;
const BEARER = /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{8,})/g;
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Secrets recognisable by their shape, whatever the environment. */
function redactPatterns(text: string): string {
  return text
    .replace(PRIVATE_KEY, REDACTED)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(QUERY_PARAM, (match, sep: string, name: string, value: string) =>
      value !== '' && isCredentialQueryName(decodeName(name)) ? `${sep}${name}=${REDACTED}` : match,
    )
    .replace(ASSIGNMENT, (match, lead: string, name: string, value: string) =>
      value !== REDACTED && isCredentialName(name) ? `${lead}${name}=${REDACTED}` : match,
    )
    .replace(JSON_FIELD, (match, name: string, colon: string) =>
      isCredentialName(name) ? `"${name}"${colon}"${REDACTED}"` : match,
    )
    .replace(BEARER, (match, scheme: string, token: string) =>
      /[0-9._~+/=-]/.test(token) ? `${scheme} ${REDACTED}` : match,
    )
    .replace(AWS_KEY_ID, REDACTED);
}

/**
 * A redactor for one environment: masks the values of its credential-named variables and `secrets`
 * (also URL- and JSON-encoded), URL user info (`https://***@host`), credential query parameters
 * (`X-Amz-Signature`, `X-Amz-Credential`, `sig`, `token`, `key`, …), `name=value` and `"name": "value"`
 * pairs with credential names, `Bearer`/`Basic` tokens, AWS access key ids and PEM private keys.
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const literals = literalSecrets(options);
  return (text) => {
    let out = text;
    for (const secret of literals) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redactPatterns(out);
  };
}

/** `createRedactor(options)(text)`, for one-off messages. */
export function redact(text: string, options: RedactOptions = {}): string {
  return createRedactor(options)(text);
}

/** A URL safe to print: `redact` applied to its normalised form; `<invalid URL>` when it does not parse. */
export function redactUrl(url: string | URL): string {
  try {
    return redact(new URL(String(url)).href);
  } catch {
    return '<invalid URL>';
  }
}

/**
 * A deep copy of a JSON-like value with every string redacted and every field whose name is a credential
 * name (`password`, `token`, `secretKey`) masked; what run records and reports are written from.
 */
export function redactValue<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, redactor)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      typeof item === 'string' && item !== '' && isCredentialName(key)
        ? REDACTED
        : redactValue(item, redactor);
  }
  return out as T;
}

/** True when `redactValue` would change something: the value holds a secret. */
export function holdsSecret(value: unknown, redactor: Redactor): boolean {
  return JSON.stringify(redactValue(value, redactor)) !== JSON.stringify(value);
}
