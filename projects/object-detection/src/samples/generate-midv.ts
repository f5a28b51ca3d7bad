import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import seedrandom from 'seedrandom';
import { create } from 'tar';
import { encodePng } from './encode-png.js';
import { encodeTiff } from './encode-tiff.js';

/** The ten MIDV-500 capture conditions. */
export const CONDITIONS = ['CA', 'CS', 'HA', 'HS', 'KA', 'KS', 'PA', 'PS', 'TA', 'TS'] as const;

export interface MidvSampleOptions {
  /** Number of matched (image, label) pairs. */
  readonly frames: number;
  /** `DATA` (full archive) or `MINIDATA` (mini archive). */
  readonly root?: 'DATA' | 'MINIDATA';
  readonly seed?: string;
  readonly width?: number;
  readonly height?: number;
  /** Images without a label and labels without an image, to exercise the pairing report. */
  readonly unmatchedImages?: number;
  readonly unmatchedLabels?: number;
}

export interface MidvFile {
  /** Archive path, e.g. `DATA/images/CA01_02.png`. */
  readonly path: string;
  readonly data: Buffer;
}

export interface MidvSample {
  readonly root: string;
  readonly files: readonly MidvFile[];
  readonly pairedStems: readonly string[];
  readonly unmatched: readonly string[];
}

/** `<COND><docNN>_<frame>` stems in a stable order: frames 1-30 of each condition of each document. */
export function midvStems(count: number): string[] {
  const stems: string[] = [];
  for (let doc = 1; stems.length < count; doc += 1) {
    for (const cond of CONDITIONS) {
      for (let frame = 1; frame <= 30 && stems.length < count; frame += 1) {
        stems.push(`${cond}${String(doc).padStart(2, '0')}_${String(frame).padStart(2, '0')}`);
      }
      if (stems.length >= count) break;
    }
  }
  return stems;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A noisy background with a light ID card (dark border, text stripes) drawn in `box`. */
function drawFrame(width: number, height: number, box: Box, random: () => number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const inside = x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      const border =
        inside && (x - box.x < 2 || box.x + box.w - x <= 2 || y - box.y < 2 || box.y + box.h - y <= 2);
      const stripe = inside && !border && (y - box.y) % 6 < 2 && x - box.x > box.w / 3;
      const base = inside ? (border ? 40 : stripe ? 90 : 230) : 60 + Math.floor(random() * 60);
      rgb[i] = base;
      rgb[i + 1] = inside ? base : base + 20;
      rgb[i + 2] = inside ? base - (border ? 0 : 20) : base + 40;
    }
  }
  return rgb;
}

function yoloLabel(width: number, height: number, box: Box): string {
  const f = (v: number) => v.toFixed(6);
  return `0 ${f((box.x + box.w / 2) / width)} ${f((box.y + box.h / 2) / height)} ${f(box.w / width)} ${f(box.h / height)}\n`;
}

function imageFile(stem: string, index: number, width: number, height: number, rgb: Uint8Array) {
  // Most frames are PNG; every fifth is TIFF, as MIDV-500's originals are .tif.
  return index % 5 === 4
    ? { name: `${stem}.tif`, data: encodeTiff(width, height, rgb) }
    : { name: `${stem}.png`, data: encodePng(width, height, rgb) };
}

/** Generates a format-faithful MIDV-500 (YOLO layout) sample in memory: real decodable images with labels. */
export function generateMidvSample(options: MidvSampleOptions): MidvSample {
  const root = options.root ?? 'DATA';
  const width = options.width ?? 96;
  const height = options.height ?? 64;
  const random = seedrandom(options.seed ?? 'midv-sample');
  const extraImages = options.unmatchedImages ?? 2;
  const extraLabels = options.unmatchedLabels ?? 1;
  const stems = midvStems(options.frames + extraImages + extraLabels);
  const files: MidvFile[] = [];
  const unmatched: string[] = [];
  stems.forEach((stem, index) => {
    const w = Math.floor(width * (0.4 + random() * 0.4));
    const h = Math.floor(height * (0.4 + random() * 0.4));
    const box = { x: Math.floor(random() * (width - w)), y: Math.floor(random() * (height - h)), w, h };
    const image = imageFile(stem, index, width, height, drawFrame(width, height, box, random));
    const isOrphanImage = index >= options.frames && index < options.frames + extraImages;
    const isOrphanLabel = index >= options.frames + extraImages;
    if (!isOrphanLabel) files.push({ path: `${root}/images/${image.name}`, data: image.data });
    if (!isOrphanImage)
      files.push({ path: `${root}/labels/${stem}.txt`, data: Buffer.from(yoloLabel(width, height, box)) });
    if (isOrphanImage) unmatched.push(`images/${image.name}`);
    if (isOrphanLabel) unmatched.push(`labels/${stem}.txt`);
  });
  return { root, files, pairedStems: stems.slice(0, options.frames), unmatched };
}

/** Writes the sample as a gzipped tar (the book's `.gz` archive) at `path`, entries in a shuffled order. */
export async function writeMidvArchive(path: string, options: MidvSampleOptions): Promise<MidvSample> {
  const sample = generateMidvSample(options);
  const staging = await mkdtemp(join(tmpdir(), 'midv-'));
  try {
    for (const file of sample.files) {
      await mkdir(dirname(join(staging, file.path)), { recursive: true });
      await writeFile(join(staging, file.path), file.data);
    }
    await mkdir(dirname(path), { recursive: true });
    const random = seedrandom(`${options.seed ?? 'midv-sample'}:order`);
    const order = sample.files.map((f) => f.path).sort(() => random() - 0.5);
    await create({ gzip: true, file: path, cwd: staging, portable: true }, order);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return sample;
}
