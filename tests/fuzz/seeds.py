"""Seed corpora for the fuzz targets, from the committed fixtures (tests/fixtures).

A target's corpus folder is filled only when empty, so what the fuzzer found is kept between
runs. ZIP seeds (deflated, stored, nested, with a workbook) and tar and gzip seeds are built
here, since the fixtures hold no archive. Usage: python3 tests/fuzz/seeds.py CORPUS_DIR
"""
import glob
import io
import os
import gzip
import sys
import tarfile
import zipfile

FIX = os.path.join(os.path.dirname(__file__), "..", "fixtures")
EXP = os.path.join(FIX, "exports")
PIX = os.path.join(os.path.dirname(__file__), "..", "pixels")


def files(pattern, folder=FIX):
    return sorted(p for p in glob.glob(os.path.join(folder, pattern)) if os.path.isfile(p))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def small_dicoms():
    return [p for p in files("*.dcm") if os.path.getsize(p) < 12_000]


def zips():
    out = []
    dicoms = small_dicoms()
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            for p in dicoms[:3]:
                z.writestr("DICOM/" + os.path.basename(p), read(p))
            z.writestr("notes.txt", b"Patient: DOE^JANE 123-45-6789\n")
        out.append(buf.getvalue())
    nested = io.BytesIO()
    with zipfile.ZipFile(nested, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("inner.zip", out[1])
        z.writestr("DICOMDIR", read(os.path.join(FIX, "DICOMDIR")))
    out.append(nested.getvalue())
    with_book = io.BytesIO()
    with zipfile.ZipFile(with_book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("worklist.xlsx", read(os.path.join(EXP, "worklist-excel.xlsx")))
        z.writestr("../../escape.dcm", read(dicoms[0]))
    out.append(with_book.getvalue())
    return out


def report_seeds():
    cut = b"--8<--"
    dicoms = small_dicoms()
    return [
        cut.join(read(p) for p in dicoms[:3]),
        cut.join([read(os.path.join(FIX, "DICOMDIR"))] + [read(p) for p in dicoms[3:5]]),
        cut.join(read(p) for p in files("orthanc*.json", EXP)[:2] + files("*.csv", EXP)[:1]),
    ]


def tars():
    """tar archives (GNU, POSIX with PAX headers, a folder, a long name) and their gzip."""
    out = []
    for fmt in (tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
            folder = tarfile.TarInfo("series")
            folder.type = tarfile.DIRTYPE
            t.addfile(folder)
            for p in small_dicoms()[:2]:
                data = read(p)
                info = tarfile.TarInfo("series/" + "long-name-" * 12 + os.path.basename(p))
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        out.append(buf.getvalue())
    return out + [gzip.compress(t) for t in out] + [gzip.compress(read(p)) for p in small_dicoms()[:1]]


def seeds():
    exports = files("*", EXP)
    by = lambda *prefixes: [read(p) for p in exports if os.path.basename(p).startswith(prefixes)]
    return {
        "dicom": [read(p) for p in files("*.dcm")],
        "dicomdir": [read(p) for p in files("DICOMDIR") + files("dicomdir-set/DICOMDIR")],
        "zip": zips(),
        "tar_gzip": tars(),
        "xlsx": [read(p) for p in files("*.xlsx", EXP)],
        "dcmtk_text": by("findscu", "dcmdump", "orthanc_findscu") ,
        "dicom_xml": [read(p) for p in files("*.xml", EXP) if "nmap" not in p] + by("findscu-X-", "findscu-Xx"),
        "dcm4che_text": by("dcm4che"),
        "dicom_rs_text": by("dicom-rs"),
        "dicom_json": by("qido", "wado"),
        "orthanc_json": by("orthanc-") ,
        "csv": [read(p) for p in files("*.csv", EXP)],
        "nmap": by("nmap"),
        "report": report_seeds(),
        "clean_copy": [read(p) for p in small_dicoms()],
        # Images of every transfer syntax the pixel check decodes, small enough for -max_len.
        "pixels": [read(p) for p in files("*.dcm") + files("*/*.dcm", PIX) if os.path.getsize(p) < 65_536],
    }


def main(corpus):
    for target, items in seeds().items():
        folder = os.path.join(corpus, target)
        os.makedirs(folder, exist_ok=True)
        if os.listdir(folder):
            continue
        for i, data in enumerate(items):
            with open(os.path.join(folder, f"seed-{i:03}"), "wb") as f:
                f.write(data)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main(sys.argv[1])
