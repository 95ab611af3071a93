#!/usr/bin/env python3
"""Renders `refsim run --format html corpus/scenarios/none-drain-3.14-32.json`, `refsim compare --format
html` and a free-threaded run's page in headless Chromium: each screenshot must not be blank (its pixels
vary, and enough of them are neither white nor one colour) and the page must log nothing to the console
(the pages hold no script, so any console line is an error). Skips (exit 77) with the reason when
chromium is absent.

usage: browser_test.py REFSIM SOURCE_DIR"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


def pixels(png):
    """The RGB(A) rows of an 8-bit, non-interlaced PNG (what Chromium writes), unfiltered."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw, stride, rows, prior = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prior[i], prior[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prior = line
    return width, height, channels, rows


def check(name, page, scratch):
    path = os.path.join(scratch, name + ".html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    shot = os.path.join(scratch, name + ".png")
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--user-data-dir=" + os.path.join(scratch, "profile-" + name), "--enable-logging=stderr",
                           "--v=0", "--window-size=1000,900", "--screenshot=" + shot, "file://" + path],
                          capture_output=True, text=True, timeout=120)
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, f"{name}: the page logged: {console}"
    assert os.path.exists(shot), f"{name}: no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    with open(shot, "rb") as f:
        width, height, channels, rows = pixels(f.read())
    colours, inked = set(), 0
    for row in rows[::4]:
        for x in range(0, width * channels, channels * 4):
            rgb = row[x:x + 3]
            colours.add(rgb)
            inked += rgb != b"\xff\xff\xff"
    sampled = len(rows[::4]) * len(range(0, width * channels, channels * 4))
    print(f"{name}: {width}x{height} screenshot, {len(colours)} colours, {100 * inked / sampled:.1f}% of sampled pixels not white")
    assert len(colours) >= 8, f"{name}: the screenshot is (nearly) one colour"
    assert inked / sampled > 0.02, f"{name}: the screenshot is blank"


def main():
    if CHROMIUM is None:
        print("chromium is not installed (Debian: apt-get install chromium, see ci/deps): skipped")
        return 77
    refsim, source = sys.argv[1], sys.argv[2]
    run = subprocess.run([refsim, "run", "--format", "html", source + "/corpus/scenarios/none-drain-3.14-32.json"],
                         capture_output=True, text=True, check=True).stdout
    compare = subprocess.run([refsim, "compare", "--format", "html"], capture_output=True, text=True, check=True).stdout
    ft_run = subprocess.run([refsim, "run", "--format", "html",
                             source + "/corpus/scenarios/ft-3.14t-64-shared-negative-until-gc-merge.json"],
                            capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory(prefix="refsim-browser-") as scratch:
        check("run", run, scratch)
        check("compare", compare, scratch)
        check("ft-run", ft_run, scratch)
    print("ok")
    return 0


sys.exit(main())
