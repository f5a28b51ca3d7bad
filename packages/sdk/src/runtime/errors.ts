/** The command line does not match the component's declared inputs and outputs (exit code 2). */
export class ComponentArgumentError extends Error {
  override readonly name = 'ComponentArgumentError';
}

/** A component's implementation returned or produced something its definition does not allow (exit code 1). */
export class ComponentOutputError extends Error {
  override readonly name = 'ComponentOutputError';
}
