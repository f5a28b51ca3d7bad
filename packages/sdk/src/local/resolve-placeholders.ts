// Resolves the `{{$...}}` placeholders of a container's command and args the way the KFP v2 launcher does.
import { formatParameterText, type JsonObject, type JsonValue } from '../dsl/index.js';
import { PlaceholderError } from './errors.js';

export interface ArtifactLocation {
  /** Local path the process reads or writes. */
  readonly path: string;
  /** The artifact's URI (what `.uri` placeholders receive). */
  readonly uri: string;
  readonly schemaTitle: string;
  readonly schemaVersion: string;
}

export interface ExecutorContext {
  /** Resolved input parameter values; an absent key is an input without a value. */
  readonly inputParameters: Readonly<Record<string, JsonValue>>;
  /** A list input (collected artifacts of a loop) has no single path: only `{{$}}` carries it. */
  readonly inputArtifacts: Readonly<Record<string, ArtifactLocation | readonly ArtifactLocation[]>>;
  readonly outputArtifacts: Readonly<Record<string, ArtifactLocation>>;
  readonly outputParameterFiles: Readonly<Record<string, string>>;
  /** Where a component may write an ExecutorOutput JSON (part of `{{$}}`). */
  readonly executorOutputFile: string;
}

const ANY_PLACEHOLDER = /\{\{\$[^{}]*\}\}/g;
const IO_PLACEHOLDER =
  /^\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\[(?:'([^']*)'|"([^"]*)")\](?:\.([a-z_]+))?\}\}$/;

/** Replaces every placeholder in every element; placeholders may sit inside longer strings. */
export function resolvePlaceholders(elements: readonly string[], context: ExecutorContext): string[] {
  return elements.map((element) =>
    element.replace(ANY_PLACEHOLDER, (placeholder) => resolveOne(placeholder, context)),
  );
}

function resolveOne(placeholder: string, context: ExecutorContext): string {
  if (placeholder === '{{$}}') return JSON.stringify(buildExecutorInput(context));
  const match = IO_PLACEHOLDER.exec(placeholder);
  if (!match) throw new PlaceholderError(placeholder, 'not a placeholder the KFP launcher resolves');
  const [, side, kind, single, double, field] = match;
  const name = single ?? double ?? '';
  const key = `${side}.${kind}.${field ?? ''}`;
  switch (key) {
    case 'inputs.parameters.':
      return parameterValue(placeholder, name, context);
    case 'inputs.artifacts.path':
    case 'inputs.artifacts.uri':
      return artifactField(placeholder, context.inputArtifacts[name], field as 'path' | 'uri');
    case 'outputs.artifacts.path':
    case 'outputs.artifacts.uri':
      return artifactField(placeholder, context.outputArtifacts[name], field as 'path' | 'uri');
    case 'outputs.parameters.output_file': {
      const file = context.outputParameterFiles[name];
      if (file === undefined)
        throw new PlaceholderError(placeholder, `the component has no output parameter '${name}'`);
      return file;
    }
    default:
      throw new PlaceholderError(placeholder, 'not a placeholder the KFP launcher resolves');
  }
}

function parameterValue(placeholder: string, name: string, context: ExecutorContext): string {
  if (!(name in context.inputParameters)) {
    throw new PlaceholderError(placeholder, `input parameter '${name}' has no value and no default`);
  }
  return formatParameterText(context.inputParameters[name] as JsonValue);
}

function artifactField(
  placeholder: string,
  artifact: ArtifactLocation | readonly ArtifactLocation[] | undefined,
  field: 'path' | 'uri',
): string {
  if (!artifact)
    throw new PlaceholderError(placeholder, 'the component has no such artifact or it was not passed');
  if (Array.isArray(artifact))
    throw new PlaceholderError(
      placeholder,
      `a list of artifacts has no single ${field}; read the list from {{$}}`,
    );
  return (artifact as ArtifactLocation)[field];
}

/** The ExecutorInput message (`{{$}}`) in its protobuf JSON form. */
export function buildExecutorInput(context: ExecutorContext): JsonObject {
  const inputs: JsonObject = {};
  if (Object.keys(context.inputParameters).length > 0)
    inputs['parameterValues'] = { ...context.inputParameters };
  if (Object.keys(context.inputArtifacts).length > 0)
    inputs['artifacts'] = artifactLists(context.inputArtifacts);
  const outputs: JsonObject = { outputFile: context.executorOutputFile };
  if (Object.keys(context.outputParameterFiles).length > 0) {
    outputs['parameters'] = Object.fromEntries(
      Object.entries(context.outputParameterFiles).map(([name, file]) => [name, { outputFile: file }]),
    );
  }
  if (Object.keys(context.outputArtifacts).length > 0)
    outputs['artifacts'] = artifactLists(context.outputArtifacts);
  return { inputs, outputs };
}

function artifactLists(
  artifacts: Readonly<Record<string, ArtifactLocation | readonly ArtifactLocation[]>>,
): JsonObject {
  return Object.fromEntries(
    Object.entries(artifacts).map(([name, value]) => [
      name,
      {
        artifacts: (Array.isArray(value) ? value : [value]).map((artifact: ArtifactLocation) => ({
          name,
          type: { schemaTitle: artifact.schemaTitle, schemaVersion: artifact.schemaVersion },
          uri: artifact.uri,
          metadata: {},
        })),
      },
    ]),
  );
}
