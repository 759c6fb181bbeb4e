#!/usr/bin/env python3
"""Turn the raw numbers of .ci/bench into the markdown results table.

    python3 tests/bench/report.py RAW_DIR CORES SECONDS > target/bench-results.md
"""
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

raw, cores, seconds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
MB, MIB, KIB = 1e6, 1024 * 1024, 1024
WHAT = {
    "ours": "our CLI, `scan --json` (full detection + report), all cores",
    "ours-j1": "the same with `-j 1` (one scanning thread)",
    "ours-deid": "our CLI, `deidentify --keep-burned-in --out DIR` (clean copy: read whole, profile applied, written, re-scanned), all cores",
    "dicom-rs": "dicom-rs 0.10 `OpenFileOptions::read_until(PixelData)` + PatientName, 1 thread",
    "dcmdump": "DCMTK 3.6.7 `dcmdump -q -M +sb 7fe0,0010 +sd +r`",
    "pydicom": "pydicom 3.0.2 `dcmread(stop_before_pixels=True)` + PatientName",
}
SETS = {"small": "10,000 small", "big": "50 × 60 MB", "control": "50 small, same 2 headers as big"}

rows = list(csv.DictReader(open(raw / "native.tsv"), delimiter="\t"))
for r in rows:
    r["files"], r["bytes"], r["seconds"] = int(r["files"]), int(r["bytes"]), float(r["seconds"])
    r["per_file_ms"] = 1000 * r["seconds"] / r["files"]
get = {(r["tool"], r["set"]): r for r in rows}
out = []
p = out.append

header = raw.parent / "bench-corpus" / "header-bytes.txt"
header_note = (f" Corpus: mean header {int(header.read_text()) / KIB:.1f} KiB (bytes before Pixel Data)."
               if header.exists() else "")
p(f"Measured by `.ci/bench` on {cores} cores (shared machine), warm page cache; small set: our CLI (all cores and `-j 1`) and dicom-rs the median of 5 rounds taking turns, the rest one run; "
  f"50-file sets median of 11 runs; wall time includes process start. Whole run: {seconds // 60} min {seconds % 60} s.{header_note}\n")
p("**Native**\n")
p("| tool | set | files | MB on disk | wall s | files/s | MB/s | ms/file | peak RSS MiB | exit |")
p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    p(f"| {r['tool']} | {SETS[r['set']]} | {r['files']:,} | {r['bytes'] / MB:,.1f} | {r['seconds']:.3f} | "
      f"{r['files'] / r['seconds']:,.0f} | {r['bytes'] / MB / r['seconds']:,.0f} | {r['per_file_ms']:.3f} | "
      f"{int(r['rss_kib']) * KIB / MIB:,.1f} | {r['exit']} |")
p("")
p("; ".join(f"{k}: {v}" for k, v in WHAT.items()) + ". Our CLI exits 1 when it finds identifiers (every file has some).\n")

b = json.load(open(raw / "browser.json"))
ours_fps = b["files"] / (b["ours"]["ms"] / 1000)
dp_fps = b["files"] / (b["dicomParser"]["ms"] / 1000)
p("**Browser** (headless Debian Chromium, one origin, the real page `dist/index.html`; "
  f"{b['files']:,} small files, {b['bytes'] / MB:.1f} MB, chosen through a file input and read from disk, timed from the choice)\n")
p("| what | thread | ms | files/s | peak renderer RSS MiB (before) | failed |")
p("|---|---|---:|---:|---:|---:|")
p(f"| our page: file input → small files read on the page, large ones by the workers (Blob ranges), scanned in workers → rendered cards (median of 3 runs taking turns with dicom-parser's: {b['ours'].get('runsMs', [])} ms) | {b['ours']['thread']} | {b['ours']['ms']:,.0f} | "
  f"{ours_fps:,.0f} | {b['ours']['peakRss'] / MIB:,.0f} ({b['ours']['baselineRss'] / MIB:,.0f}) | {b['ours']['failed']} of {b['ours']['cards']} cards |")
p(f"| dicom-parser 1.8.21: each chosen file's `arrayBuffer()`, `parseDicom(untilTag x7fe00010)` + name, ID, birth date (median of 3 runs taking turns with ours: {b['dicomParser']['runsMs']} ms) | "
  f"{b['dicomParser']['thread']} | {b['dicomParser']['ms']:,.0f} | {dp_fps:,.0f} | "
  f"{b['dicomParser']['peakRss'] / MIB:,.0f} ({b['dicomParser']['baselineRss'] / MIB:,.0f}) | {b['dicomParser']['failed']} |")
if b["dicomParser"]["failed"]:
    p(f"\ndicom-parser's first error: `{b['dicomParser']['firstError'][:160]}`")


def choice_task(side):
    """The task in which Chromium takes in the chosen files (the first, within 0.5 s of the
    choice), and the longest task after it: [start ms, duration ms] pairs from bench.mjs."""
    times = side.get("longTaskTimes", [])
    first = times[0] if times and times[0][0] < 500 else None
    rest = times[1:] if first else times
    return (first[1] if first else 0), max([d for _, d in rest], default=0)


ours_choice, ours_after = choice_task(b["ours"])
dp_choice, _ = choice_task(b["dicomParser"])
# What the page adds to the browser's own work at the choice counts, and so does every task
# after it: code of ours cannot hide in the first task.
ours_longest = max(ours_after, ours_choice - dp_choice)
p(f"\nOur page's main thread during the scan: {b['ours']['longTasks']} tasks over 50 ms, the longest "
  f"{b['ours']['longestTaskMs']:,.0f} ms (Long Tasks API, from the choice until 0.5 s after \"Done\"). "
  f"The first, at the choice ({ours_choice:,.0f} ms), is mostly Chromium taking in the {b['files']:,} chosen "
  f"files: dicom-parser's page, which runs nothing then, has one there too ({dp_choice:,.0f} ms; its first "
  f"choice). Counted against us: the longest task after it ({ours_after:,.0f} ms) or what ours exceeds "
  f"dicom-parser's by at the choice ({max(0, ours_choice - dp_choice):,.0f} ms), whichever is larger: "
  f"**{ours_longest:,.0f} ms**.")
p("")

all_sizes = list(csv.DictReader(open(raw / "size.tsv"), delimiter="\t"))
# Fetched only when needed, not part of the first load: the copy worker when a user asks for a
# clean copy, the export worker the first time a dropped file holds an export, the pixel worker
# when pixels are looked at, the views module when a scan is done (or a view, the checklist or
# an export is first asked for).
on_demand = [s for s in all_sizes if s["file"].startswith(("copy_worker", "export_worker", "pixel_worker", "views"))]
sizes = [s for s in all_sizes if s not in on_demand]
size_raw = sum(int(s["raw"]) for s in sizes)
size_gz = sum(int(s["gzip"]) for s in sizes)
p("**Download** (`dist/`, each file gzip -9): " + ", ".join(
    f"{s['file']} {int(s['raw']) / KIB:,.0f} KiB ({int(s['gzip']) / KIB:,.0f} gz)" for s in sizes)
  + f"; total {size_raw / KIB:,.0f} KiB raw, **{size_gz / KIB:,.0f} KiB gzipped** before a file can be scanned.")
build_said = raw / "page-build.txt"
if build_said.exists():
    p(f"Built by `.ci/build_page`: {build_said.read_text().strip().removeprefix('page build: ')}.")
p("Fetched only when needed (a clean copy; the first export dropped; pixels looked at; a scan done or a view opened): " + ", ".join(
    f"{s['file']} {int(s['raw']) / KIB:,.0f} KiB ({int(s['gzip']) / KIB:,.0f} gz)" for s in on_demand) + ".\n")


def verdict(ok):
    return "met" if ok else "**missed**"


ours_s, rs_s = get[("ours", "small")], get[("dicom-rs", "small")]
wall = ours_s["seconds"] / rs_s["seconds"]
wall_j1 = get[("ours-j1", "small")]["seconds"] / rs_s["seconds"]
big_vs_small = get[("ours", "big")]["per_file_ms"] / ours_s["per_file_ms"]
big_vs_control = get[("ours", "big")]["per_file_ms"] / get[("ours", "control")]["per_file_ms"]
ir = {k: int((raw / f"instructions-{k}.txt").read_text().strip() or 0) for k in ("big", "control")}
ir_ratio = ir["big"] / ir["control"] if ir["control"] else float("nan")
big_rss = int(get[("ours", "big")]["rss_kib"]) * KIB / MIB
browser = ours_fps / dp_fps
copied_file = raw / "clean-copy-files.txt"
if ("ours-deid", "small") in get and copied_file.exists():
    d = get[("ours-deid", "small")]
    p(f"**Clean copy** of the small set: {int(copied_file.read_text())} of {d['files']:,} files written and verified, "
      f"{d['files'] / d['seconds']:,.0f} files/s, peak memory {int(d['rss_kib']) * KIB / MIB:,.1f} MiB.\n")
p("**Targets**\n")
p("| measure | value | target | |")
p("|---|---:|---:|---|")
p(f"| native `scan --json`, all cores, wall time vs single-threaded dicom-rs parsing (small set) | {wall:.2f}× | ≤ 0.67× | {verdict(wall <= 0.67)} |")
p(f"| same with `-j 1` | {wall_j1:.2f}× | ≤ 1.5× | {verdict(wall_j1 <= 1.5)} |")
# Shown, not judged: the 50 big files carry two headers unlike the small set's mix, and a
# 50-file run's time is mostly the process starting; the control set below is the comparison.
p(f"| per-file time, 60 MB set vs small set (our CLI; other headers, and 50 files are mostly process start: not a target) | {big_vs_small:.2f}× | — | |")
p(f"| same, vs small files with the same two headers (control set) | {big_vs_control:.2f}× | ≤ 1.2× | {verdict(big_vs_control <= 1.2)} |")
p(f"| same, in CPU instructions (callgrind, no timing noise): {ir['big']:,} vs {ir['control']:,} | {ir_ratio:.3f}× | ≤ 1.2× | {verdict(ir_ratio <= 1.2)} |")
p(f"| peak memory, 60 MB set (our CLI) | {big_rss:.1f} MiB | < 150 MiB | {verdict(big_rss < 150)} |")
p(f"| browser: our page vs dicom-parser (files/s) | {browser:.2f}× | ≥ 1.0× | {verdict(browser >= 1.0)} |")
p(f"| browser: longest main-thread task of ours during the scan (the choice's task less dicom-parser's, {dp_choice:,.0f} ms, or any later task) | {ours_longest:,.0f} ms | ≤ 200 ms | {verdict(ours_longest <= 200)} |")
ours_peak, dp_peak = b["ours"]["peakRss"] / MIB, b["dicomParser"]["peakRss"] / MIB
limit = dp_peak + 50e6 / MIB
p(f"| browser: peak renderer memory, ours vs dicom-parser's + 50 MB | {ours_peak:,.0f} MiB | ≤ {limit:,.0f} MiB | {verdict(ours_peak <= limit)} |")
p(f"| download, gzipped | {size_gz / KIB:,.0f} KiB | < 450 KiB | {verdict(size_gz / KIB < 450)} |")
p("")


def top(path, n, keep=lambda name: True):
    """The top `n` functions of a callgrind_annotate listing, demangled, as (percent, name)."""
    found = []
    for line in open(path, errors="replace"):
        m = re.match(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(?:\S+?:)?(\S.*?)(?: \[.*\])?$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        found.append((float(m.group(2)), m.group(3)))
    names = subprocess.run(["c++filt"], input="\n".join(n for _, n in found), capture_output=True, text=True).stdout.split("\n")
    names = [re.sub(r"::h[0-9a-f]{16}$", "", n) for n in names]
    return [(pct, name) for (pct, _), name in zip(found, names) if keep(name)][:n]


total = next((l for l in open(raw / "callgrind-self.txt") if "PROGRAM TOTALS" in l), "").split()[0:1]
p(f"**Profile**: callgrind, our CLI over the first 200 small files ({total[0] if total else '?'} instructions). "
  "Top functions by own instructions:\n")
for pct, name in top(raw / "callgrind-self.txt", 12):
    p(f"- {pct:.1f}% `{name[:150]}`")
p("\nInclusive, this crate's functions:\n")
for pct, name in top(raw / "callgrind-incl.txt", 12, lambda n: n.startswith("dicom_exposure_check::")):
    p(f"- {pct:.1f}% `{name[:150]}`")
pixel_text, pixel_page = raw / "pixel-text.md", raw / "pixel-page.txt"
if pixel_text.exists() and pixel_page.exists():
    p("\n**Burned-in text** (issue 14; targets: 95% of text images flagged, at most 3% of clean "
      "ones, 50 ms an image in the page at the median). `cargo bench --bench pixel_text` on "
      "tests/pixels:\n")
    p("\n".join(l for l in pixel_text.read_text().splitlines() if l.startswith(("|", "time per"))))
    p("\nIn the page (`tests/bench/pixel_page.mjs`, each image chosen alone in a page with the switch off and in one with it on, one after the other; each image the median of three rounds):\n")
    p("\n".join(f"- {l}" for l in pixel_page.read_text().splitlines() if l.strip()))
print("\n".join(out))
