#!/usr/bin/env python3
"""Benchmark corpus (never committed), made with pydicom from the committed fixtures.

    python3 tests/bench/make_corpus.py OUT_DIR

OUT_DIR/small: 10,000 files cycling through real fixtures of several vendors and transfer
syntaxes (explicit/implicit VR LE, explicit VR BE, deflated, RLE, JPEG 2000, JPEG lossless),
each with its own PatientName (ASCII-charset files), PatientID and UIDs, transfer syntax kept.
The fixtures' headers are small and plain, real ones are not: every file also gets what real
vendor headers carry (`enrich`): two private groups of about a hundred text and number
elements (GE- and Siemens-like creators, an ASCCONV-style parameter block), a structured
report content tree with measurement sentences, and long free-text comments. A plain corpus
made the CLI look 8x faster than it is on real files. The mean header size (bytes before
Pixel Data) is printed and written to OUT_DIR/header-bytes.txt.
OUT_DIR/big: 50 files of about 60 MB: the real header of CT_small.dcm or MR_small_implicit.dcm
with multi-frame uncompressed Pixel Data (NumberOfFrames set to match its length).
OUT_DIR/control: symlinks to 25 CT and 25 MR files of small/ made from the same two headers
as big/, so that big-versus-small per-file cost compares like with like.
Idempotent: a stamp file records what was made; a complete corpus is left alone.
"""
import os
import random
import sys
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
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
ENRICH_VERSION = 1
STAMP = (f"small={SMALL_COUNT} big={BIG_COUNT}x{BIG_BYTES} enrich={ENRICH_VERSION} "
         f"sources={','.join(SMALL_SOURCES)}\n")

# Words and sentences of the kind real headers and reports hold: protocol names, technique,
# measurements with numbers, comparisons with dates, no identifiers of a person.
PROTOCOL_WORDS = ["T1", "T2", "FLAIR", "SE", "TSE", "GRE", "DWI", "ADC", "AX", "COR", "SAG",
                  "3D", "MPRAGE", "POST", "PRE", "FS", "STIR", "HEAD", "CHEST", "ABD", "PELVIS",
                  "ROUTINE", "C+", "C-", "5MM", "1.25MM", "HELICAL", "BONE", "SOFT", "LUNG"]
SENTENCES = [
    "No acute intracranial abnormality. Ventricles and sulci are normal for age.",
    "Compared with prior study of {d1}, the nodule in the right upper lobe measures {a} x {b} mm.",
    "Series {n} image {m}: hypodense lesion segment {k}, {a}.{b} cm, unchanged since {d2}.",
    "Technique: {n} mm axial sections, kVp 120, mAs {m}, CTDIvol {a}.{b} mGy, DLP {m}{k} mGy*cm.",
    "Mild degenerative change at L{k}-L{k1} with disc height loss of {a} mm.",
    "Impression: stable appearance; follow-up in {n} months recommended per protocol {a}{b}.",
    "Contrast: {m} ml Omnipaque 350 at {a}.{b} ml/s, delay {n} s.",
    "Reference range {a}-{b}; ratio {a}.{b}; slice {n} of {m}; TR {m}{k} ms TE {n}{k} ms.",
]
ASCCONV_KEYS = ["sKSpace.lBaseResolution", "sKSpace.lPhaseEncodingLines", "sSliceArray.lSize",
                "alTR[0]", "alTE[0]", "sRXSPEC.alDwellTime[0]", "sTXSPEC.asNucleusInfo[0].lFrequency",
                "sSliceArray.asSlice[0].dThickness", "sSliceArray.asSlice[0].dPhaseFOV",
                "sCoilSelectMeas.aRxCoilSelectData[0].asList[{i}].lElementSelected",
                "sAdjData.uiAdjFreMode", "sGRADSPEC.asGPAData[0].lOffsetX", "lAverages",
                "sPhysioImaging.lSignal1", "sFastImaging.lTurboFactor", "ucReconstructionMode"]


def sentence(rng):
    date = lambda: f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(2010, 2024)}"
    k = rng.randint(1, 5)
    return rng.choice(SENTENCES).format(
        d1=date(), d2=date(), a=rng.randint(1, 40), b=rng.randint(0, 9), n=rng.randint(1, 12),
        m=rng.randint(20, 400), k=k, k1=k + 1)


def enrich(ds, i):
    """Add what real vendor headers carry: private groups, an SR content tree, long text."""
    rng = random.Random(i)
    ds.ProtocolName = " ".join(rng.sample(PROTOCOL_WORDS, 4))
    ds.SeriesDescription = " ".join(rng.sample(PROTOCOL_WORDS, 3))
    ds.ImageComments = " ".join(sentence(rng) for _ in range(6))
    ds.add_new(0x00324000, "LT", " ".join(sentence(rng) for _ in range(4)))  # Study Comments
    ds.add_new(0x001021B0, "LT", " ".join(sentence(rng) for _ in range(3)))  # Additional Patient History
    # GE-like private group: short text and numbers.
    ds.private_block(0x0019, "GEMS_ACQU_01", create=True)
    block = ds.private_block(0x0019, "GEMS_ACQU_01")
    for e in range(0x00, 0x60):
        kind = e % 4
        if kind == 0:
            block.add_new(e, "LO", "_".join(rng.sample(PROTOCOL_WORDS, 3)))
        elif kind == 1:
            block.add_new(e, "DS", f"{rng.uniform(-500, 500):.6f}\\{rng.uniform(0, 2):.4f}")
        elif kind == 2:
            block.add_new(e, "SH", f"{rng.choice(PROTOCOL_WORDS)}{rng.randint(0, 999)}")
        else:
            block.add_new(e, "IS", str(rng.randint(0, 65535)))
    # Siemens-like private group: an ASCCONV parameter block and sequence descriptions.
    block = ds.private_block(0x0029, "SIEMENS MEDCOM HEADER2", create=True)
    lines = ["### ASCCONV BEGIN ###"]
    for j in range(220):
        key = rng.choice(ASCCONV_KEYS).format(i=j % 32)
        value = rng.choice([str(rng.randint(0, 300000)), f"{rng.uniform(0, 400):.6f}",
                            f"0x{rng.randint(0, 0xFFFF):x}", f'"{rng.choice(PROTOCOL_WORDS)}"'])
        lines.append(f"{key}\t = {value}")
    lines.append("### ASCCONV END ###")
    block.add_new(0x10, "UT", "\n".join(lines))
    for e in range(0x20, 0x40):
        block.add_new(e, "LO", f"{rng.choice(PROTOCOL_WORDS)} {rng.randint(1, 64)}/{rng.randint(1, 64)}")
    # A structured report content tree: containers holding text and numeric items.
    def content_item(value_type, code_value, meaning):
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = code_value, "DCM", meaning
        item = Dataset()
        item.RelationshipType = "CONTAINS"
        item.ValueType = value_type
        item.ConceptNameCodeSequence = Sequence([code])
        return item
    containers = []
    for c in range(4):
        items = []
        for t in range(8):
            item = content_item("TEXT", f"{121070 + t}", "Finding")
            item.TextValue = sentence(rng)
            items.append(item)
        container = content_item("CONTAINER", f"{121060 + c}", "Section")
        container.ContentSequence = Sequence(items)
        containers.append(container)
    ds.ContentSequence = Sequence(containers)


def header_bytes(path):
    """Bytes of a file before its Pixel Data (the whole file when it has none)."""
    data = path.read_bytes()
    # The first occurrence: the last may sit inside the pixels themselves.
    found = [at for marker in (b"\xe0\x7f\x10\x00", b"\x7f\xe0\x00\x10")
             if (at := data.find(marker, 132)) > 0]
    return min(found, default=len(data))


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
        enrich(ds, i)
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
        enrich(ds, SMALL_COUNT + i)
        ds.save_as(out / "big" / f"b{i:02d}.dcm")
    make_control(out)
    headers = [header_bytes(f) for f in sorted((out / "small").glob("*.dcm"))]
    (out / "header-bytes.txt").write_text(f"{sum(headers) / len(headers):.0f}\n")
    print(f"corpus: mean header {sum(headers) / len(headers) / 1024:.1f} KiB over {len(headers)} files")
    (out / "stamp.txt").write_text(STAMP)
    print(f"corpus: {SMALL_COUNT} small and {BIG_COUNT} big files written to {out}")


if __name__ == "__main__":
    main()
