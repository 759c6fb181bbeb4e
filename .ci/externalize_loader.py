#!/usr/bin/env python3
"""Trunk post-build hook: replace Trunk's inline loader <script> by a start script in a file of
the page's origin, which says so in the page when the browser cannot run it.

The page's Content-Security-Policy allows scripts from 'self' only, so an inline script would be
refused. Trunk also stamps a build-time nonce on its tags; a nonce fixed at build time protects
nothing, so it is removed. Runs in TRUNK_STAGING_DIR; uses TRUNK_PUBLIC_URL for the new src.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this from Trunk as a post_build hook")
if not public_url.endswith("/"):
    public_url += "/"

index = os.path.join(staging, "index.html")
with open(index, encoding="utf-8") as f:
    html = f.read()

INLINE = re.compile(r'<script type="module"(?: nonce="[^"]*")?>(.*?)</script>', re.S)
moved = 0

WORKER_LOADER = """// The scan worker (written by .ci/externalize_loader.py): the page's own wasm module, which
// the page posts compiled as the first message, started with its glue; `scan_worker` then
// answers the page. A failed start is thrown as an error event, which the page sees.
import init, { scan_worker } from "./%s";

self.onmessage = (event) => {
  self.onmessage = null;
  init({ module_or_path: event.data })
    .then(() => scan_worker())
    .catch((error) => setTimeout(() => { throw error; }));
};
"""


# The page's start, replacing Trunk's loader: the same import and init, but a browser that cannot
# run the module is told so in index.html's own words (#boot-old), and any other failure to
# start (the module not fetched, a trap while starting) shows #boot-error with the error's text,
# instead of an empty page. The feature test compiles two tiny modules: one with a SIMD
# instruction, one with a reference type, the two newest features the page's modules use
# (Safari before 16.4 lacks the first). Yew clears <body> when the page starts, so on success
# these messages go with it.
BOOT = """// The page's start (written by .ci/externalize_loader.py from Trunk's loader).
const FEATURES = [
  // (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
  // (func ref.null func drop)
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
];

const wait = document.getElementById("boot-wait");
if (wait) wait.hidden = false;

function show(id, detail) {
  const box = document.getElementById(id);
  if (wait) wait.hidden = true;
  if (!box) return;
  box.hidden = false;
  const where = box.querySelector(".boot-detail");
  if (where && detail) where.textContent = detail;
}

const capable = typeof WebAssembly === "object"
  && FEATURES.every((bytes) => WebAssembly.validate(new Uint8Array(bytes)));
// No top-level await: a browser with modules but without it (Safari 14) should still get here.
if (!capable) {
  show("boot-old");
} else {
  import(%(glue)s)
    .then(({ default: init }) => init({ module_or_path: %(wasm)s }))
    .catch((error) => show("boot-error", String((error && error.message) || error)));
}
"""


def boot_script(trunk_body):
    """Our start script, from the glue and wasm paths in Trunk's own loader."""
    glue = re.search(r"import init[^;]*? from ('[^']+'|\"[^\"]+\")", trunk_body)
    wasm = re.search(r"module_or_path: ('[^']+'|\"[^\"]+\")", trunk_body)
    if not glue or not wasm:
        sys.exit("Trunk's loader has no glue import or wasm path; did Trunk's output change?")
    return BOOT % {"glue": glue.group(1), "wasm": wasm.group(1)}


def externalize(match):
    global moved
    body = boot_script(match.group(1))
    name = "boot-%s.js" % hashlib.sha256(body.encode()).hexdigest()[:16]
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(body)
    moved += 1
    return '<script type="module" src="%s%s"></script>' % (public_url, name)


html = INLINE.sub(externalize, html)
html = re.sub(r' nonce="[^"]*"', "", html)
if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("an inline <script> is left in index.html; the CSP would block it")
if moved == 0:
    sys.exit("no inline Trunk loader found in index.html; did Trunk's output change?")
with open(index, "w", encoding="utf-8") as f:
    f.write(html)

# The scan worker runs the page's own module (src/bin/app.rs): its loader imports the page's
# wasm-bindgen glue and starts the compiled module the page posts as the first message.
glue = [n for n in os.listdir(staging) if re.fullmatch(r"app-[0-9a-f]+\.js|app\.js", n)]
if len(glue) != 1:
    sys.exit("expected one app-<hash>.js in the build, found %r" % glue)
with open(os.path.join(staging, "worker_loader.js"), "w", encoding="utf-8") as out:
    out.write(WORKER_LOADER % glue[0])

# Trunk's worker loaders (copy, export and pixel workers) call wasm-bindgen's init with a bare path,
# which wasm-bindgen 0.2.130 reports as deprecated on every page load; pass the object form it
# asks for.
for name in ("copy_worker_loader.js", "export_worker_loader.js", "pixel_worker_loader.js"):
    loader = os.path.join(staging, name)
    if not os.path.exists(loader):
        continue
    with open(loader, encoding="utf-8") as f:
        shim = f.read()
    shim = re.sub(r'wasm_bindgen\("([^"]+)"\)', r'wasm_bindgen({ module_or_path: "\1" })', shim)
    with open(loader, "w", encoding="utf-8") as f:
        f.write(shim)

# The views module (src/bin/views.rs) is glue for a classic script, which the page adds when it
# first shows a view (src/web/views/host.rs). Its glue only defines `wasm_bindgen`, a binding
# the page's own module cannot reach: this start at its end sets, where the page looks, the
# promise of its exports once the module runs (the wasm is found next to the script).
VIEWS_START = """
// Added by .ci/externalize_loader.py: start the views module, and tell the page when it runs.
self.dicomExposureViews = wasm_bindgen().then(() => wasm_bindgen);
"""
views = os.path.join(staging, "views.js")
if not os.path.exists(views):
    sys.exit("no views.js in the build; index.html builds the views module as a worker")
with open(views, encoding="utf-8") as f:
    glue_text = f.read()
if "let wasm_bindgen" not in glue_text:
    sys.exit("views.js does not define wasm_bindgen; did wasm-bindgen's no-modules glue change?")
with open(views, "a", encoding="utf-8") as f:
    f.write(VIEWS_START)
print("externalize_loader: moved %d inline script(s)" % moved)
