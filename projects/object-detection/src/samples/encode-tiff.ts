/** A valid baseline little-endian TIFF: uncompressed 8-bit RGB, one strip. */
export function encodeTiff(width: number, height: number, rgb: Uint8Array): Buffer {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const pixelOffset = 8;
  const bpsOffset = pixelOffset + rgb.length;
  const ifdOffset = bpsOffset + 6;
  entries.push(
    [256, 4, 1, width], // ImageWidth
    [257, 4, 1, height], // ImageLength
    [258, 3, 3, bpsOffset], // BitsPerSample (offset to 8,8,8)
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 2], // Photometric: RGB
    [273, 4, 1, pixelOffset], // StripOffsets
    [277, 3, 1, 3], // SamplesPerPixel
    [278, 4, 1, height], // RowsPerStrip
    [279, 4, 1, rgb.length], // StripByteCounts
    [284, 3, 1, 1], // PlanarConfiguration: chunky
  );
  const out = Buffer.alloc(ifdOffset + 2 + entries.length * 12 + 4);
  out.write('II', 0, 'ascii');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  Buffer.from(rgb).copy(out, pixelOffset);
  out.writeUInt16LE(8, bpsOffset);
  out.writeUInt16LE(8, bpsOffset + 2);
  out.writeUInt16LE(8, bpsOffset + 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  return out;
}
