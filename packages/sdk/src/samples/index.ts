// Sample datasets for `pnpm start`: how a project plugs one in, and the loopback server that serves it.
export { SAMPLE_SCALES, defineSample } from './capstone-sample.js';
export type { CapstoneSample, PreparedSample, SampleRoute, SampleScale } from './capstone-sample.js';
export { startLoopbackServer, serveRoute, sendText } from './loopback-server.js';
export type {
  LoopbackHandler,
  LoopbackRoute,
  LoopbackServer,
  LoopbackServerOptions,
} from './loopback-server.js';
export { BODY_CHUNK, ifRangeMatches, parseRange, planResource, readBody } from './loopback-resource.js';
export type { LoopbackBody, ResourceHeaders, ResourcePlan } from './loopback-resource.js';
export { csvField, mulberry32 } from './sample-text.js';
