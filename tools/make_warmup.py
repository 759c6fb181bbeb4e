#!/usr/bin/env python3
"""The page's warm-up header (www/warmup.dcm): a synthetic DICOM file the scan workers read
while the page waits for its first files (src/web/warmup.rs).

    python3 tools/make_warmup.py [OUT]      (default: www/warmup.dcm)

Why a header like this one: the browser compiles a function of the scan to its fast tier only
once it has run long enough, and until then a scan runs slower (docs/benchmarks.md, session
26). The functions that matter are those a real vendor header exercises: private groups, a
parameter block, a structured report tree and long free text, added here by the benchmark
corpus's own `enrich` (tests/bench/make_corpus.py). Every value is made up: no person, no
place, no real study. No Pixel Data: only the header is read.
"""
import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, UID

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
from make_corpus import enrich  # noqa: E402


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "www" / "warmup.dcm"
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID("1.2.840.10008.5.1.4.1.1.4")  # MR Image Storage
    meta.MediaStorageSOPInstanceUID = UID("2.25.1003")
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = UID("2.25.1001")
    ds.SeriesInstanceUID = UID("2.25.1002")
    ds.Modality = "MR"
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20000101"
    ds.StudyTime = "120000"
    ds.AccessionNumber = "WARMUP0001"
    ds.InstitutionName = "Synthetic Imaging Center"
    ds.InstitutionAddress = "1 Example Street, Nowhere"
    ds.ReferringPhysicianName = "WARMUP^REFERRER"
    ds.StationName = "SYNTH01"
    ds.StudyDescription = "WARM-UP HEADER, NOT A STUDY"
    ds.PatientName = "WARMUP^SYNTHETIC"
    ds.PatientID = "WARMUP0000001"
    ds.PatientBirthDate = "19000101"
    ds.PatientSex = "O"
    ds.Manufacturer = "Synthetic"
    enrich(ds, 26)
    ds.save_as(out, enforce_file_format=True)
    print(f"{out}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
