// The compiler's view of a channel, named as the official SDK names it (name + producing task or group).
import {
  ARTIFACT_SCHEMA_VERSION,
  channelName,
  isArtifactChannel,
  isParameterChannel,
  PARAMETER_TYPES,
  type ArtifactChannel,
  type IrParameterType,
  type JsonValue,
  type LoopOrigin,
  type ParameterChannel,
} from '../dsl/index.js';

export type DslChannel = ParameterChannel<unknown> | ArtifactChannel;

/** One channel as the official compiler sees it; collected channels are re-pointed at the group surfacing them. */
export interface ChannelRef {
  readonly channel: DslChannel;
  readonly name: string;
  readonly producer?: string;
}

export const CHANNEL_PREFIX = 'pipelinechannel--';

export function refOf(channel: DslChannel): ChannelRef {
  return { channel, ...channelName(channel.source) };
}

export function fullName(ref: Pick<ChannelRef, 'name' | 'producer'>): string {
  return ref.producer ? `${ref.producer}-${ref.name}` : ref.name;
}

/** `pipelinechannel--<full name>`: the input a group or task gets for a channel from outside. */
export function inputName(ref: Pick<ChannelRef, 'name' | 'producer'> | string): string {
  return CHANNEL_PREFIX + (typeof ref === 'string' ? ref : fullName(ref));
}

export function isLoopArgument(channel: DslChannel): boolean {
  return channel.source.from === 'loop-item' || channel.source.from === 'loop-field';
}

export function loopOf(channel: DslChannel): LoopOrigin | undefined {
  const source = channel.source;
  return source.from === 'loop-item' || source.from === 'loop-field' ? source.loop : undefined;
}

/** Static items (`withItems`), not a channel: such loop arguments live only below their loop. */
export function isWithItems(channel: DslChannel): boolean {
  const loop = loopOf(channel);
  return loop !== undefined && Array.isArray(loop.items);
}

/** The loop item channel a loop field reads from (the official SDK's loop_argument). */
export function loopItemRef(channel: DslChannel): ChannelRef {
  const loop = loopOf(channel) as LoopOrigin;
  return { channel, ...(loop.itemProducer ? { producer: loop.itemProducer } : {}), name: loop.itemName };
}

/**
 * The channel and what it derives from: a loop field, its loop item, the items channel, and so on down to
 * a pipeline parameter or task output (static items end the chain). `itemOf` finds a loop's item channel.
 */
export function channelChain(channel: DslChannel, itemOf: (loop: LoopOrigin) => DslChannel): DslChannel[] {
  const source = channel.source;
  if (source.from === 'loop-field') return [channel, ...channelChain(itemOf(source.loop), itemOf)];
  if (source.from === 'loop-item') {
    const items = source.loop.items;
    return Array.isArray(items) ? [channel] : [channel, ...channelChain(items as DslChannel, itemOf)];
  }
  return [channel];
}

/** The IR parameter type of a parameter channel (collected parameters are lists). */
export function parameterTypeOf(channel: ParameterChannel<unknown>): IrParameterType {
  return PARAMETER_TYPES[channel.source.from === 'collected' ? 'list' : channel.type];
}

export function artifactTypeOf(channel: ArtifactChannel) {
  return { schemaTitle: channel.schemaTitle, schemaVersion: ARTIFACT_SCHEMA_VERSION };
}

export function isArtifact(channel: DslChannel): channel is ArtifactChannel {
  return isArtifactChannel(channel);
}

export function isParameter(channel: DslChannel): channel is ParameterChannel<unknown> {
  return isParameterChannel(channel);
}

/** `json.dumps(items, sort_keys=True)` as the official SDK writes static loop items. */
export function pythonJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${pythonString(key)}: ${pythonJson(value[key] as JsonValue)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return pythonString(value);
  return JSON.stringify(value);
}

function pythonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
