#!/usr/bin/env python3
"""Benchmark corpus (never committed), made with pydicom from the committed fixtures.

    python3 tests/bench/make_corpus.py OUT_DIR

OUT_DIR/small: 10,000 files cycling through real fixtures of several vendors and transfer
syntaxes (explicit/implicit VR LE, explicit VR BE, deflated, RLE, JPEG 2000, JPEG lossless),
each with its own PatientName (ASCII-charset files), PatientID and UIDs, transfer syntax kept.
OUT_DIR/big: 50 files of about 60 MB: the real header of CT_small.dcm or MR_small_implicit.dcm
with multi-frame uncompressed Pixel Data (NumberOfFrames set to match its length).
OUT_DIR/control: symlinks to 25 CT and 25 MR files of small/ made from the same two headers
as big/, so that big-versus-small per-file cost compares like with like.
Idempotent: a stamp file records what was made; a complete corpus is left alone.
"""
import os
import sys
from pathlib import Path

import pydicom
from pydicom.uid import UID

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SMALL_COUNT = 10_000
BIG_COUNT = 50
BIG_BYTES = 60_000_000
# Every file here parses with dicom-rs, DCMTK, pydicom and dicom-parser (checked by .ci/bench).
SMALL_SOURCES = [
    "CT_small.dcm",            # GE CT, explicit VR LE
    "MR_small_implicit.dcm",   # Toshiba MR, implicit VR LE
    "MR_small_bigendian.dcm",  # Toshiba MR, explicit VR BE
    "MR_small_RLE.dcm",        # Toshiba MR, RLE lossless
    "JPEG2000.dcm",            # GE NM, JPEG 2000
    "image_dfl.dcm",           # deflated explicit VR LE
    "rtplan.dcm",              # RT plan, implicit VR LE, nested sequences
    "chrFren.dcm",             # ISO_IR 100
    "chrH31.dcm",              # ISO 2022 IR 87 (Japanese)
    "chrX2.dcm",               # GB18030
    "nested_priv_SQ.dcm",      # implicit VR LE, nested private sequences
    "CT_small.dcm",            # CT again: the most common kind of file
]
BIG_SOURCES = ["CT_small.dcm", "MR_small_implicit.dcm"]
STAMP = f"small={SMALL_COUNT} big={BIG_COUNT}x{BIG_BYTES} sources={','.join(SMALL_SOURCES)}\n"


def vary(ds, i, ascii_name=True):
    """Give dataset `ds` identifiers and UIDs of its own (file number i)."""
    if ascii_name:
        ds.PatientName = f"BENCH^PATIENT{i:05d}"
    ds.PatientID = f"BENCH{i:07d}"
    for keyword, n in (("StudyInstanceUID", 1), ("SeriesInstanceUID", 2), ("SOPInstanceUID", 3)):
        uid = UID(f"2.25.{(i + 1) * 10 + n}")
        setattr(ds, keyword, uid)
        if keyword == "SOPInstanceUID":
            ds.file_meta.MediaStorageSOPInstanceUID = uid


def done(out: Path) -> bool:
    stamp = out / "stamp.txt"
    if not stamp.exists() or stamp.read_text() != STAMP:
        return False
    return (len(list((out / "small").glob("*.dcm"))) == SMALL_COUNT
            and len(list((out / "big").glob("*.dcm"))) == BIG_COUNT
            and all(f.stat().st_size > BIG_BYTES // 2 for f in (out / "big").glob("*.dcm")))


def make_control(out: Path):
    """Symlinks to small files made from the big set's two headers, as many of each as big/ has."""
    control = out / "control"
    control.mkdir(exist_ok=True)
    for f in control.iterdir():
        f.unlink()
    for name in BIG_SOURCES:
        picks = [i for i in range(SMALL_COUNT) if SMALL_SOURCES[i % len(SMALL_SOURCES)] == name][: BIG_COUNT // len(BIG_SOURCES)]
        for i in picks:
            (control / f"s{i:05d}.dcm").symlink_to(Path("..") / "small" / f"s{i:05d}.dcm")


def main():
    out = Path(sys.argv[1])
    if done(out):
        make_control(out)
        print(f"corpus: {out} already complete, kept")
        return
    (out / "stamp.txt").unlink(missing_ok=True)
    for sub in ("small", "big"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for f in (out / sub).iterdir():
            f.unlink()
    templates = [pydicom.dcmread(FIXTURES / name) for name in SMALL_SOURCES]
    for i in range(SMALL_COUNT):
        ds = templates[i % len(templates)]
        ascii_name = ds.get("SpecificCharacterSet", "ISO_IR 6") in ("", "ISO_IR 6", "ISO_IR 100")
        vary(ds, i, ascii_name)
        ds.save_as(out / "small" / f"s{i:05d}.dcm")
    pixels = os.urandom(BIG_BYTES)
    for i in range(BIG_COUNT):
        ds = pydicom.dcmread(FIXTURES / BIG_SOURCES[i % len(BIG_SOURCES)])
        frame = ds.Rows * ds.Columns * ds.SamplesPerPixel * (ds.BitsAllocated // 8)
        frames = BIG_BYTES // frame
        ds.NumberOfFrames = frames
        ds.PixelData = pixels[: frames * frame]
        ds["PixelData"].VR = "OW"
        vary(ds, SMALL_COUNT + i)
        ds.save_as(out / "big" / f"b{i:02d}.dcm")
    make_control(out)
    (out / "stamp.txt").write_text(STAMP)
    print(f"corpus: {SMALL_COUNT} small and {BIG_COUNT} big files written to {out}")


if __name__ == "__main__":
    main()
