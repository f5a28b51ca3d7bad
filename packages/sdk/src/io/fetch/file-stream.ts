import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { redactUrl } from '../../secrets/index.js';
import { DownloadNotFoundError, UnexpectedHtmlError } from './download-errors.js';
import { looksLikeHtml } from './http-response.js';
import type { ResumableStream, ResumableStreamOptions } from './resumable-stream.js';

/** A `file://` URL as a `ResumableStream`: its validator is size + mtime, so a resume of a changed file restarts. */
export async function openFileStream(
  href: string,
  options: ResumableStreamOptions,
): Promise<ResumableStream> {
  const displayUrl = redactUrl(href);
  const path = fileURLToPath(href);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new DownloadNotFoundError(displayUrl);
    throw error;
  });
  if (!info.isFile()) throw new DownloadNotFoundError(displayUrl);
  const validator = `"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
  const wanted = options.startAt ?? 0;
  const startAt = wanted > 0 && wanted <= info.size && options.ifRange === validator ? wanted : 0;
  const source = createReadStream(path, { start: startAt, highWaterMark: 1 << 20, signal: options.signal });
  const sniff = startAt === 0 && (options.expectBinary ?? true);
  return {
    body: sniff ? Readable.from(sniffHtml(source, displayUrl), { objectMode: false }) : source,
    displayUrl,
    startAt,
    totalBytes: info.size,
    validator,
    contentType: undefined,
    requests: () => 1,
  };
}

async function* sniffHtml(source: Readable, displayUrl: string): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (first && looksLikeHtml(chunk)) {
      source.destroy();
      throw new UnexpectedHtmlError(displayUrl, undefined, 'body');
    }
    first = false;
    yield chunk;
  }
}
