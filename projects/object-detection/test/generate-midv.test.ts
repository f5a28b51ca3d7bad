import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { list } from 'tar';
import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { generateMidvSample, midvStems, writeMidvArchive } from '../src/samples/generate-midv.js';

describe('MIDV-500 sample generator', () => {
  it('uses the original <COND><NN>_<FF> stems', () => {
    expect(midvStems(32).slice(0, 3)).toEqual(['CA01_01', 'CA01_02', 'CA01_03']);
    expect(midvStems(32)[30]).toBe('CS01_01');
  });

  it('writes decodable PNG and TIFF images with a matching YOLO label each, plus unmatched files', () => {
    const sample = generateMidvSample({ frames: 10, unmatchedImages: 2, unmatchedLabels: 1 });
    const images = sample.files.filter((f) => f.path.includes('/images/'));
    const labels = sample.files.filter((f) => f.path.includes('/labels/'));
    expect(images).toHaveLength(12);
    expect(labels).toHaveLength(11);
    expect(sample.unmatched).toHaveLength(3);
    const png = images.find((f) => f.path.endsWith('.png'));
    expect(png?.data.subarray(1, 4).toString()).toBe('PNG');
    expect(
      images.some((f) => f.path.endsWith('.tif') && f.data.subarray(0, 4).toString('hex') === '49492a00'),
    ).toBe(true);
    for (const label of labels) {
      const [cls, ...box] = label.data.toString().trim().split(' ');
      expect(cls).toBe('0');
      for (const v of box.map(Number)) expect(v > 0 && v <= 1).toBe(true);
    }
  });

  it('packs a gzipped tar rooted at DATA/ or MINIDATA/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'midv-test-'));
    const file = join(dir, 'mini.gz');
    await writeMidvArchive(file, { frames: 4, root: 'MINIDATA' });
    const entries: string[] = [];
    await list({ file, onReadEntry: (e) => void entries.push(e.path) });
    expect(entries.every((e) => e.startsWith('MINIDATA/'))).toBe(true);
    expect(entries.filter((e) => e.endsWith('.txt'))).toHaveLength(5);
  });

  it('images decode with real PNG and TIFF decoders to the declared size, card pixels where the label says', () => {
    const sample = generateMidvSample({ frames: 5, width: 40, height: 30 });
    const labels = new Map(
      sample.files.filter((f) => f.path.includes('/labels/')).map((f) => [stemOf(f.path), f.data.toString()]),
    );
    for (const file of sample.files.filter((f) => f.path.includes('/images/'))) {
      const { width, height, rgba } = decode(file);
      expect([width, height]).toEqual([40, 30]);
      const label = labels.get(stemOf(file.path));
      if (label === undefined) continue; // a deliberately unmatched image
      const [, cx, cy] = label.split(' ').map(Number);
      const centre = (Math.floor((cy ?? 0) * height) * width + Math.floor((cx ?? 0) * width)) * 4;
      expect(rgba[centre]).toBeGreaterThanOrEqual(90); // the card is light, stripes or paper
    }
  });
});

function stemOf(path: string): string {
  return (path.split('/').pop() ?? '').replace(/\.[a-z]+$/, '');
}

function decode(file: { path: string; data: Buffer }): { width: number; height: number; rgba: Uint8Array } {
  if (file.path.endsWith('.png')) {
    const png = PNG.sync.read(file.data);
    return { width: png.width, height: png.height, rgba: png.data };
  }
  const buffer = new Uint8Array(file.data).buffer;
  const [ifd] = UTIF.decode(buffer);
  if (!ifd) throw new Error(`${file.path}: no TIFF image`);
  UTIF.decodeImage(buffer, ifd);
  return { width: ifd.width, height: ifd.height, rgba: UTIF.toRGBA8(ifd) };
}
