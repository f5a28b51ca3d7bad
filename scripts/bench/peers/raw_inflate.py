"""The unzip step's limit: zlib's raw inflate of the entries' deflate data (read in 4 MiB blocks, output
discarded, no file written). `raw_inflate.py <zip> <entry>...`; prints the inflated byte count per entry."""
import sys
import zipfile
import zlib


def inflate(zip_path, name):
    with zipfile.ZipFile(zip_path) as z:
        info = z.getinfo(name)
    with open(zip_path, "rb") as f:
        f.seek(info.header_offset + 26)
        header = f.read(4)
        start = info.header_offset + 30 + int.from_bytes(header[:2], "little") + int.from_bytes(header[2:], "little")
        f.seek(start)
        d = zlib.decompressobj(-15)
        left, out = info.compress_size, 0
        while left > 0:
            block = f.read(min(4 << 20, left))
            left -= len(block)
            out += len(d.decompress(block, 4 << 20))
            while d.unconsumed_tail:
                out += len(d.decompress(d.unconsumed_tail, 4 << 20))
        out += len(d.flush())
    if out != info.file_size:
        raise SystemExit(f"{name}: inflated {out} bytes, expected {info.file_size}")
    print(f"{name}: {out} bytes")


if __name__ == "__main__":
    for entry in sys.argv[2:]:
        inflate(sys.argv[1], entry)
