#!/usr/bin/env python3
"""Trunk post-build hook: no wasm module of the build imports from "env".

A symbol that no Rust code defines (a C function a ported crate declares, such as openjp2's
malloc; see src/pixels/libc_shim.rs) is linked as an import from the module "env", which no
loader provides: the module would fail to start in the browser, and only when it is fetched.
Stable rustc links wasm32 with --allow-undefined; .ci/build_page passes the same flag on
nightly, so this check is what catches a missing symbol. Runs in TRUNK_STAGING_DIR; with
paths as arguments, checks those files instead.
"""
import os
import sys


def leb(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def limits(data, pos):
    flags = data[pos]
    _, pos = leb(data, pos + 1)
    if flags & 1:
        _, pos = leb(data, pos)
    return pos


def imports(path):
    """(module, field) of every import of the wasm file at `path`."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\0asm":
        sys.exit("%s: not a wasm module" % path)
    pos, found = 8, []
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb(data, pos)
        end = pos + size
        if section == 2:
            count, pos = leb(data, pos)
            for _ in range(count):
                module, pos = name(data, pos)
                field, pos = name(data, pos)
                kind, pos = data[pos], pos + 1
                if kind == 0:  # function: type index
                    _, pos = leb(data, pos)
                elif kind == 1:  # table: reference type, limits
                    pos = limits(data, pos + 1)
                elif kind == 2:  # memory: limits
                    pos = limits(data, pos)
                elif kind == 3:  # global: value type, mutability
                    pos += 2
                elif kind == 4:  # tag: attribute, type index
                    _, pos = leb(data, pos + 1)
                else:
                    sys.exit("%s: import of unknown kind %d" % (path, kind))
                found.append((module, field))
        pos = end
    return found


if len(sys.argv) > 1:
    paths = sys.argv[1:]
else:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        sys.exit("TRUNK_STAGING_DIR is not set: run this from Trunk as a post_build hook, or name files")
    paths = [os.path.join(staging, n) for n in sorted(os.listdir(staging)) if n.endswith(".wasm")]
bad = []
for path in paths:
    env = [field for module, field in imports(path) if module == "env"]
    if env:
        bad.append("%s imports from env: %s" % (os.path.basename(path), ", ".join(sorted(env))))
if bad:
    sys.exit("\n".join(bad) + "\nno loader provides these: define them in Rust (see src/pixels/libc_shim.rs)")
print("wasm_imports: %d module(s), none imports from env" % len(paths))
