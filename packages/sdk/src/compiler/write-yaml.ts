import { stringify } from 'yaml';
import type { IrPipelineSpec, IrPlatformSpec } from './ir-types.js';

function header(spec: IrPipelineSpec): string {
  const lines = ['# PIPELINE DEFINITION', `# Name: ${spec.pipelineInfo.name}`];
  const params = Object.entries(spec.root.inputDefinitions?.parameters ?? {});
  if (params.length > 0) {
    lines.push('# Inputs:');
    for (const [name, def] of params) {
      const fallback =
        def.defaultValue === undefined ? '' : ` [Default: ${JSON.stringify(def.defaultValue)}]`;
      lines.push(`#    ${name}: ${def.parameterType}${fallback}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function document(value: unknown): string {
  return stringify(value, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
}

/** The compiled file: PipelineSpec, then the platform spec as a second document when there is one. */
export function writePipelineYaml(spec: IrPipelineSpec, platform?: IrPlatformSpec): string {
  const first = header(spec) + document(spec);
  return platform ? `${first}---\n${document(platform)}` : first;
}
