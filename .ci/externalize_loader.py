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

# Trunk's worker loader calls wasm-bindgen's init with a bare path, which wasm-bindgen 0.2.130
# reports as deprecated on every page load; pass the object form it asks for.
loader = os.path.join(staging, "worker_loader.js")
if os.path.exists(loader):
    with open(loader, encoding="utf-8") as f:
        shim = f.read()
    shim = re.sub(r'wasm_bindgen\("([^"]+)"\)', r'wasm_bindgen({ module_or_path: "\1" })', shim)
    with open(loader, "w", encoding="utf-8") as f:
        f.write(shim)
print("externalize_loader: moved %d inline script(s)" % moved)
