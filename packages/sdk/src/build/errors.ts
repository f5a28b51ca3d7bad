/** A project, pipeline module or component that `build:pipelines` cannot compile or bundle. */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}
