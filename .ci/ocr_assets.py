"""Trunk post-build hook: the optional text reader (tesseract.js, its cores and the English
model) copied from node_modules into the build's ocr/ folder. The page fetches them only when
the user asks to read the text found in an image (src/web/ocr.rs); the service worker keeps them
once fetched, not on install (.ci/service_worker.py)."""
import os
import shutil
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("ocr_assets: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)")
modules = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules")
# The main-thread API and its worker, three builds of the core (tesseract.js picks one by the
# browser's SIMD support), the English LSTM model (best_int: the smaller of the two), licences.
FILES = {
    "tesseract.js/dist/tesseract.min.js": "tesseract.min.js",
    "tesseract.js/dist/worker.min.js": "worker.min.js",
    "tesseract.js/LICENSE.md": "LICENSE-tesseract.js.md",
    "tesseract.js-core/tesseract-core-lstm.wasm.js": "tesseract-core-lstm.wasm.js",
    "tesseract.js-core/tesseract-core-simd-lstm.wasm.js": "tesseract-core-simd-lstm.wasm.js",
    "tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm.js": "tesseract-core-relaxedsimd-lstm.wasm.js",
    "tesseract.js-core/LICENSE": "LICENSE-tesseract.js-core.txt",
    "@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz": "eng.traineddata.gz",
}
out = os.path.join(staging, "ocr")
os.makedirs(out, exist_ok=True)
for source, name in FILES.items():
    path = os.path.join(modules, source)
    if not os.path.exists(path):
        sys.exit(f"ocr_assets: {source} is missing: run npm ci (.ci/setup)")
    shutil.copyfile(path, os.path.join(out, name))
print("ocr_assets: %d files into ocr/" % len(FILES))
