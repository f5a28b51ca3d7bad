import type { BodyShape, RequestShape } from './request-shapes.js';

/** A request as the fake server sees it, after routing. */
export interface ObservedRequest {
  readonly query: URLSearchParams;
  readonly contentType: string;
  /** Parsed JSON body (undefined when there was none). */
  readonly json?: unknown;
  /** Multipart fields: name → file name (files) or null (plain values). */
  readonly formFields?: ReadonlyMap<string, string | null>;
}

/** Every way a request departs from its declared shape, as readable sentences (empty = valid). */
export function validateRequest(shape: RequestShape, request: ObservedRequest): string[] {
  const problems = [...checkQuery(shape, request.query)];
  if (shape.body) problems.push(...checkJsonBody(shape.body, request, shape.operationId));
  else if (shape.multipart) problems.push(...checkMultipart(shape, request));
  else if (request.json !== undefined) problems.push(`${shape.operationId} takes no request body`);
  return problems;
}

function checkQuery(shape: RequestShape, query: URLSearchParams): string[] {
  const problems: string[] = [];
  const allowed: readonly string[] = shape.query;
  for (const key of new Set(query.keys())) {
    if (!allowed.includes(key)) {
      problems.push(
        `unknown query parameter '${key}' for ${shape.operationId} (allowed: ${allowed.join(', ') || 'none'})`,
      );
    }
  }
  for (const key of shape.requiredQuery) {
    if (!query.get(key)) problems.push(`missing required query parameter '${key}' for ${shape.operationId}`);
  }
  return problems;
}

function checkJsonBody(body: BodyShape, request: ObservedRequest, operationId: string): string[] {
  if (!request.contentType.startsWith('application/json')) {
    return [`${operationId} expects Content-Type application/json, got '${request.contentType || 'none'}'`];
  }
  return checkObject(body, request.json, body.definition);
}

function checkObject(shape: BodyShape, value: unknown, where: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return [`${where} must be a JSON object`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!shape.fields.includes(key)) {
      problems.push(`unknown field '${key}' in ${where} (allowed: ${shape.fields.join(', ')})`);
    }
  }
  for (const key of shape.required) {
    if (record[key] === undefined || record[key] === '')
      problems.push(`missing required field '${key}' in ${where}`);
  }
  for (const [key, nested] of Object.entries(shape.nested ?? {})) {
    if (record[key] !== undefined) problems.push(...checkObject(nested, record[key], `${where}.${key}`));
  }
  for (const group of shape.exactlyOne ?? []) {
    const present = group.filter((key) => record[key] !== undefined && record[key] !== null);
    if (present.length !== 1) {
      const found = present.length === 0 ? 'neither' : `both ${present.join(' and ')}`;
      problems.push(`${where} needs exactly one of ${group.join(', ')}; got ${found}`);
    }
  }
  for (const key of shape.freeForm ?? []) {
    const field = record[key];
    if (field !== undefined && (typeof field !== 'object' || field === null || Array.isArray(field))) {
      problems.push(`field '${key}' in ${where} must be a JSON object`);
    }
  }
  return problems;
}

function checkMultipart(shape: RequestShape, request: ObservedRequest): string[] {
  const multipart = shape.multipart;
  if (!multipart) return [];
  if (!request.contentType.startsWith('multipart/form-data')) {
    return [`${shape.operationId} expects multipart/form-data, got '${request.contentType || 'none'}'`];
  }
  const fields = request.formFields ?? new Map<string, string | null>();
  const problems: string[] = [];
  for (const name of fields.keys()) {
    if (name !== multipart.field) {
      problems.push(
        `unknown multipart field '${name}' for ${shape.operationId} (expected '${multipart.field}')`,
      );
    }
  }
  const fileName = fields.get(multipart.field);
  if (fileName === undefined) {
    problems.push(`missing multipart file field '${multipart.field}' for ${shape.operationId}`);
  } else if (fileName === null) {
    problems.push(`multipart field '${multipart.field}' must be a file, not a plain value`);
  } else if (!multipart.fileSuffixes.some((suffix) => fileName.endsWith(suffix))) {
    problems.push(`uploaded file name '${fileName}' must end with ${multipart.fileSuffixes.join(' or ')}`);
  }
  return problems;
}
