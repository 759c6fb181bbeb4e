#!/usr/bin/env python3
"""Trunk post-build hook: write the service worker's file list and version.

www/sw.js is copied into the build with two placeholders; this fills them: FILES, every file
of the build (what the page needs offline), relative to the service worker so that the root
and the sub-path builds both work; VERSION, a hash of those files' names and contents, so that
a new deploy is a new service worker and a new cache. Runs in TRUNK_STAGING_DIR after
externalize_loader.py (whose boot script must be in the list).
"""
import hashlib
import json
import os
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this from Trunk as a post_build hook")
worker = os.path.join(staging, "sw.js")
with open(worker, encoding="utf-8") as f:
    source = f.read()
if "__VERSION__" not in source or "__FILES__" not in source:
    sys.exit("sw.js has no __VERSION__ / __FILES__ placeholder; did www/sw.js change?")

files = []
for folder, _, names in os.walk(staging):
    for name in names:
        path = os.path.relpath(os.path.join(folder, name), staging).replace(os.sep, "/")
        if path != "sw.js":
            files.append(path)
files.sort()
digest = hashlib.sha256()
for path in files:
    digest.update(path.encode() + b"\0")
    with open(os.path.join(staging, path), "rb") as f:
        digest.update(f.read())
version = digest.hexdigest()[:16]
# "./" is how the page is opened (the server answers it with index.html).
# The pixel worker is fetched only when the user turns the pixel check on (then cached by the
# service worker as it passes, see www/sw.js): it is not part of what every visit downloads.
# So is the text reader (ocr/, about 4 MB), fetched when the user asks to read a text.
urls = ["./"] + [path for path in files
                 if path != "index.html" and not path.startswith(("pixel_worker", "ocr/"))]
source = source.replace("__VERSION__", version).replace("__FILES__", json.dumps(urls))
with open(worker, "w", encoding="utf-8") as f:
    f.write(source)
print("service_worker: %d files, version %s" % (len(urls), version))
