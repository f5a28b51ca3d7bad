// Secrets: the one credential-name rule and the one redaction function every area uses.
export { isCredentialName, isCredentialQueryName, nameSegments } from './credential-names.js';
export {
  REDACTED,
  createRedactor,
  credentialValues,
  holdsSecret,
  redact,
  redactUrl,
  redactValue,
} from './redact.js';
export type { RedactOptions, Redactor } from './redact.js';
