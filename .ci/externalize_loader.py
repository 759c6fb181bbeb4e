#!/usr/bin/env python3
"""Trunk post-build hook: move Trunk's inline loader <script> into a file of the page's origin.

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


def externalize(match):
    global moved
    body = match.group(1).strip() + "\n"
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
print("externalize_loader: moved %d inline script(s)" % moved)
