#!/usr/bin/env python3
"""Screenshot an HTML report in headless Chromium and fail on console errors.

    scripts/screenshot-report.py rapport.html                      # rapport.png, 1280x4000
    scripts/screenshot-report.py rapport.html -o shot.png --height 20000 --split 1400

Runs `chromium --headless --disable-gpu --no-sandbox --screenshot=OUT.png --window-size=W,H file://...`
with `--enable-logging=stderr --v=0`, prints every console message Chromium logs (lines with
"CONSOLE" or "Uncaught") and exits 1 when there is one, 2 when Chromium fails or writes no image.
With --split H, the screenshot is also cut into pieces H pixels high (OUT-01.png, OUT-02.png...),
blank pieces at the bottom left out, so that a tall page can be looked at piece by piece. The
cutting is done here (zlib only), so nothing but Chromium is needed: `apt-get install chromium`.
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import zlib


def find_chromium(given):
    for name in [given, "chromium", "chromium-browser", "google-chrome", "chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def read_png(path):
    """Returns (width, height, channels, rows) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, []
    width = height = channels = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace != 0 or color not in (2, 6):
                raise ValueError("only 8-bit, non-interlaced RGB or RGBA PNG files can be cut")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def write_png(path, width, channels, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    color = 2 if channels == 3 else 6
    header = struct.pack(">IIBBBBB", width, len(rows), 8, color, 0, 0, 0)
    raw = b"".join(b"\x00" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def split(path, piece):
    width, height, channels, rows = read_png(path)
    # Leave out the blank (white) rows at the bottom of the page.
    white = bytes([255]) * (width * channels)
    last = height
    while last > 0 and rows[last - 1] == white:
        last -= 1
    base, ext = os.path.splitext(path)
    out = []
    for i, top in enumerate(range(0, max(last, 1), piece)):
        name = f"{base}-{i + 1:02d}{ext}"
        write_png(name, width, channels, rows[top:min(top + piece, last)])
        out.append(name)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("report", help="the HTML file")
    ap.add_argument("-o", "--output", help="the PNG to write (default: the report's name with .png)")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=4000)
    ap.add_argument("--split", type=int, default=0, metavar="H", help="also cut the image into pieces H pixels high")
    ap.add_argument("--chromium", help="the browser to run (default: chromium)")
    args = ap.parse_args()

    report = os.path.abspath(args.report)
    if not os.path.isfile(report):
        print(f"{args.report}: error: no such file", file=sys.stderr)
        return 2
    browser = find_chromium(args.chromium)
    if not browser:
        print("error: chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    out = os.path.abspath(args.output or os.path.splitext(args.report)[0] + ".png")
    if os.path.exists(out):
        os.remove(out)
    command = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--enable-logging=stderr",
               "--v=0", f"--screenshot={out}", f"--window-size={args.width},{args.height}", "file://" + report]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    for line in console:
        print("console: " + line, file=sys.stderr)
    if not os.path.isfile(out):
        print(f"error: chromium wrote no screenshot (exit {run.returncode})", file=sys.stderr)
        print("\n".join(run.stderr.splitlines()[-10:]), file=sys.stderr)
        return 2
    print(out)
    if args.split > 0:
        for name in split(out, args.split):
            print(name)
    if console:
        print(f"error: {len(console)} console message(s)", file=sys.stderr)
        return 1
    print("no console errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
