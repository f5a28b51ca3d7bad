import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';
import { RUN_STATES, TERMINAL_RUN_STATES } from './kfp-types.js';
import { pathParams, REQUEST_SHAPES, type BodyShape, type RequestShape } from './request-shapes.js';

// The published v2beta1 swagger files live in ../shared/kfp/swagger (CI has them); never copied into the repo.
const swaggerFolder = sharedKfp('swagger');
const swaggerDir = swaggerFolder.path;

interface SwaggerParameter {
  readonly name: string;
  readonly in: string;
  readonly type?: string;
  readonly schema?: { readonly $ref?: string };
}
interface SwaggerOperation {
  readonly operationId: string;
  readonly consumes?: readonly string[];
  readonly parameters?: readonly SwaggerParameter[];
}
interface SwaggerSchema {
  readonly type?: string;
  readonly $ref?: string;
  readonly enum?: readonly string[];
  readonly properties?: Readonly<Record<string, SwaggerSchema>>;
}
interface Swagger {
  readonly paths: Readonly<Record<string, Readonly<Record<string, SwaggerOperation>>>>;
  readonly definitions: Readonly<Record<string, SwaggerSchema>>;
}

const cache = new Map<string, Swagger>();
function swagger(file: string): Swagger {
  const cached = cache.get(file);
  if (cached) return cached;
  const parsed = JSON.parse(readFileSync(`${swaggerDir}/${file}`, 'utf8')) as Swagger;
  cache.set(file, parsed);
  return parsed;
}

function operation(shape: RequestShape): SwaggerOperation {
  const found = swagger(shape.swagger).paths[shape.path]?.[shape.method.toLowerCase()];
  if (!found) throw new Error(`${shape.swagger} has no ${shape.method} ${shape.path}`);
  return found;
}

function refName(ref: string | undefined): string | undefined {
  return ref?.replace('#/definitions/', '');
}

/** Every field of `body` exists in its definition; nested bodies recurse through the property's $ref. */
function bodyProblems(file: string, body: BodyShape): string[] {
  const definition = swagger(file).definitions[body.definition];
  if (!definition) return [`${file} has no definition ${body.definition}`];
  const problems: string[] = [];
  for (const field of body.fields) {
    if (!definition.properties?.[field]) problems.push(`${body.definition} has no property '${field}'`);
  }
  for (const [field, nested] of Object.entries(body.nested ?? {})) {
    const ref = refName(definition.properties?.[field]?.$ref);
    if (ref !== nested.definition)
      problems.push(`${body.definition}.${field} is ${ref}, not ${nested.definition}`);
    else problems.push(...bodyProblems(file, nested));
  }
  for (const field of body.freeForm ?? []) {
    if (definition.properties?.[field]?.type !== 'object')
      problems.push(`${body.definition}.${field} is not an object`);
  }
  return problems;
}

const shapes = Object.entries(REQUEST_SHAPES) as [string, RequestShape][];

describeRequiring(swaggerFolder, 'request shapes match the KFP v2beta1 swagger', () => {
  it.each(shapes)('%s: path, method and operationId exist', (_name, shape) => {
    expect(operation(shape).operationId).toBe(shape.operationId);
  });

  it.each(shapes)('%s: every query and path parameter is declared', (_name, shape) => {
    const parameters = operation(shape).parameters ?? [];
    const declared = (where: string) => parameters.filter((p) => p.in === where).map((p) => p.name);
    for (const key of shape.query) expect(declared('query'), `query '${key}'`).toContain(key);
    for (const key of shape.requiredQuery) expect(shape.query).toContain(key);
    expect(pathParams(shape.path).sort()).toEqual(declared('path').sort());
  });

  it.each(shapes)('%s: JSON body fields exist in the referenced definition (snake_case)', (_name, shape) => {
    const bodyParameter = (operation(shape).parameters ?? []).find((p) => p.in === 'body');
    if (!shape.body) {
      expect(
        shape.multipart ?? bodyParameter === undefined,
        'operation takes a body we do not send',
      ).toBeTruthy();
      return;
    }
    expect(refName(bodyParameter?.schema?.$ref)).toBe(shape.body.definition);
    expect(bodyProblems(shape.swagger, shape.body)).toEqual([]);
    for (const field of shape.body.required) expect(shape.body.fields).toContain(field);
    for (const field of (shape.body.exactlyOne ?? []).flat()) expect(shape.body.fields).toContain(field);
  });

  it('uploads use the multipart field and query names of v2beta1_pipeline.upload.swagger.json', () => {
    for (const shape of [REQUEST_SHAPES.uploadPipeline, REQUEST_SHAPES.uploadPipelineVersion]) {
      const op = operation(shape);
      expect(op.consumes).toContain('multipart/form-data');
      const files = (op.parameters ?? []).filter((p) => p.in === 'formData');
      expect(files.map((p) => [p.name, p.type])).toEqual([[shape.multipart.field, 'file']]);
      expect(shape.swagger).toBe('v2beta1_pipeline.upload.swagger.json');
    }
    expect(REQUEST_SHAPES.uploadPipelineVersion.query).toContain('pipelineid');
  });

  it('run states are exactly the RuntimeState enum, terminal states among them', () => {
    const states = swagger('v2beta1_run.swagger.json').definitions.v2beta1RuntimeState?.enum ?? [];
    expect([...states].sort()).toEqual([...RUN_STATES].sort());
    for (const state of TERMINAL_RUN_STATES) expect(states).toContain(state);
  });

  it('filter keys and sort fields the client uses exist on the listed resources', () => {
    const props = (file: string, definition: string) =>
      Object.keys(swagger(file).definitions[definition]?.properties ?? {});
    expect(props('v2beta1_pipeline.swagger.json', 'v2beta1Pipeline')).toEqual(
      expect.arrayContaining(['name', 'created_at']),
    );
    expect(props('v2beta1_pipeline.swagger.json', 'v2beta1PipelineVersion')).toEqual(
      expect.arrayContaining(['name', 'created_at']),
    );
    expect(props('v2beta1_experiment.swagger.json', 'v2beta1Experiment')).toContain('display_name');
    expect(props('v2beta1_run.swagger.json', 'v2beta1Run')).toEqual(
      expect.arrayContaining(['created_at', 'state']),
    );
    const predicate = props('v2beta1_filter.swagger.json', 'v2beta1Predicate');
    expect(predicate).toEqual(expect.arrayContaining(['key', 'operation', 'string_value']));
    const operations =
      swagger('v2beta1_filter.swagger.json').definitions.v2beta1PredicateOperation?.enum ?? [];
    expect(operations).toContain('EQUALS');
  });
});
