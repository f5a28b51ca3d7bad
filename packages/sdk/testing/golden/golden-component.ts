import {
  defineContainerComponent,
  type ComponentDefinition,
  type InputSpecs,
  type NoSpecs,
  type OutputSpecs,
} from '../../src/dsl/index.js';
import { goldenContainer } from './shared-dir.js';

/** A Python-function component of a golden file, with its container (program text) taken from the golden. */
export function goldenComponent<I extends InputSpecs = NoSpecs, O extends OutputSpecs = NoSpecs>(
  golden: unknown,
  name: string,
  io: { readonly inputs?: I; readonly outputs?: O } = {},
): ComponentDefinition<I, O> {
  const container = goldenContainer(golden, `exec-${name}`);
  return defineContainerComponent<I, O>({
    name,
    ...io,
    image: container.image,
    command: () => container.command,
    args: () => container.args ?? [],
  });
}
