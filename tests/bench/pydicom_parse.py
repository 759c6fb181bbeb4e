#!/usr/bin/env python3
"""Baseline for .ci/bench: pydicom header parsing, one file after another.

    python3 tests/bench/pydicom_parse.py DIR...
"""
import os
import sys
import time

import pydicom

files = sorted(os.path.join(root, f) for d in sys.argv[1:] for root, _, names in os.walk(d) for f in names)
start = time.perf_counter()
failed = 0
for path in files:
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        str(ds.PatientName)
    except Exception as e:  # count and go on, like the other tools
        failed += 1
        if failed <= 3:
            print(f"pydicom: {path}: {e}", file=sys.stderr)
print(f"pydicom: {len(files)} files, {failed} failed, {time.perf_counter() - start:.3f} s")
