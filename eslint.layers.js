// The SDK's layer picture (docs/architecture.md draws it): each area of packages/sdk/src and the areas it
// may import. Everything else is a lint error (import-x/no-restricted-paths), and so is any import cycle.
// `testing` is packages/sdk/testing (test support, outside src/): src/ never imports it.
export const SDK_LAYERS = {
  util: [],
  secrets: [],
  dsl: ['secrets'],
  compiler: ['dsl', 'util'],
  runtime: ['dsl', 'secrets', 'util'],
  'io/progress': ['util'],
  'io/store': ['secrets', 'util'],
  'io/fetch': ['io/progress', 'secrets', 'util'],
  'io/archive': ['io/store', 'util'],
  'io/table': ['io/store', 'util'],
  'io/split': ['io/table', 'util'],
  'io/publish': ['io/store', 'util'],
  'io/s3': ['io/store'],
  io: ['io/store', 'io/fetch', 'io/archive', 'io/table', 'io/split', 'io/publish', 'io/progress', 'util'],
  local: ['dsl', 'secrets', 'util'],
  client: ['dsl', 'secrets', 'util'],
  build: ['compiler', 'dsl', 'util'],
  samples: ['util'],
  start: ['build', 'compiler', 'local', 'samples', 'util'],
  cli: ['build', 'client', 'compiler', 'dsl', 'local', 'samples', 'secrets', 'start', 'util'],
};

const SRC = 'packages/sdk/src';

/** `import-x/no-restricted-paths` zones: for each area, every other area it must not import. */
export function layerZones(layers = SDK_LAYERS, src = SRC) {
  const areas = Object.keys(layers);
  // `io` as an area is only its index (the re-exports); io/<concern> are areas of their own.
  const pathOf = (area) => (area === 'io' ? `./${src}/io/index.ts` : `./${src}/${area}`);
  return areas.map((area) => ({
    target: pathOf(area),
    from: [
      ...areas.filter((other) => other !== area && !layers[area].includes(other)).map(pathOf),
      './packages/sdk/testing',
    ],
    message: `${area} may import only: ${layers[area].join(', ') || 'nothing else in the SDK'} (eslint.layers.js)`,
  }));
}
