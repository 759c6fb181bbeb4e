#!/usr/bin/env python3
"""Where a wasm module's bytes go: code per crate (from the name section) and data by block.

    python3 tests/bench/wasm_size.py target/wasm32-unknown-unknown/wasm-release/app.wasm [TOP]

Read the module cargo writes, before wasm-bindgen and wasm-opt strip its names (sizes there
are larger than in dist/, the proportions hold). Code is attributed to the crate a function's
path starts with (a generic from core or alloc, to the first other crate it names); data is
shown in 16 KiB blocks with their gzip size and the first strings in them, which is enough to
tell the DICOM dictionary, the character-set tables and the rule texts apart.
"""
import collections
import re
import shutil
import subprocess
import sys
import zlib

STD = {"core", "alloc", "std"}


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def demangle(name):
    """Rust legacy mangling (`_ZN...E`) to a path; other names as they are."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i] != "E":
        m = re.match(r"\d+", name[i:])
        if not m:
            break
        n = int(m.group())
        i += len(m.group())
        parts.append(name[i:i + n])
        i += n
    path = "::".join(p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p))
    for code, char in [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("$RF$", "&"),
                       ("..", "::"), ("$BP$", "*"), ("$u7b$", "{"), ("$u7d$", "}")]:
        path = path.replace(code, char)
    return path


def demangle_v0(names):
    """Rust v0 mangling (`_R...`, what nightly writes) through llvm-cxxfilt, without hashes."""
    tool = shutil.which("llvm-cxxfilt")
    if not tool:
        sys.exit("names use Rust's v0 mangling: install llvm (llvm-cxxfilt) to read them")
    out = subprocess.run([tool], input="\n".join(names), capture_output=True, text=True).stdout
    return [re.sub(r"\[[0-9a-f]+\]", "", line) for line in out.split("\n")[:len(names)]]


def sections(b):
    """Imported function count, function bodies (offset, size), data segments, function names."""
    i, imports, bodies, data, names = 8, 0, [], [], {}
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if sid == 2:  # imports: count the functions, they take the first indices
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    length, j = leb(b, j)
                    j += length
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind in (1, 2):
                    if kind == 1:
                        j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                length, j = leb(b, j)
                bodies.append((j, length))
                j += length
        elif sid == 11:
            n, j = leb(b, i)
            for _ in range(n):
                flags, j = leb(b, j)
                if flags == 2:
                    _, j = leb(b, j)
                if flags in (0, 2):
                    j = b.index(0x0B, j) + 1  # the offset expression ends with `end`
                length, j = leb(b, j)
                data.append(b[j:j + length])
                j += length
        elif sid == 0:
            length, j = leb(b, i)
            if b[j:j + length] == b"name":
                j += length
                while j < end:
                    sub = b[j]
                    sub_size, j = leb(b, j + 1)
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            index, k = leb(b, k)
                            length, k = leb(b, k)
                            names[index] = b[k:k + length].decode("utf-8", "replace")
                            k += length
                    j += sub_size
        i = end
    return imports, bodies, data, names


def crate_of(path, crates):
    """The first known crate a path names, a crate of the standard library last."""
    named = re.findall(r"([A-Za-z_][A-Za-z0-9_]*)::", path)
    for crate in named:
        if crate in crates and crate not in STD:
            return crate
    return next((c for c in named if c in STD), "(other)")


def main():
    module = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    imports, bodies, data, names = sections(module)
    if not names:
        sys.exit("no name section: read the module cargo writes, not the one in dist/")
    raw = [names.get(k + imports, "?") for k in range(len(bodies))]
    paths = demangle_v0(raw) if any(n.startswith("_R") for n in raw) else list(map(demangle, raw))
    # A crate is a first path segment of some function (impls start with `<`, generics nest).
    crates = {m.group(1) for p in paths if (m := re.match(r"_?<?&?(?:mut )?([a-z_][a-z0-9_]*)::", p))}
    by_crate, ours = collections.Counter(), collections.Counter()
    for path, (_, size) in zip(paths, bodies):
        by_crate[crate_of(path, crates)] += size
        m = re.search(r"dicom_exposure_check::([a-z_]+(?:::[a-z_]+)?)", path)
        if m:
            ours[m.group(1)] += size
    code = sum(size for _, size in bodies)
    blob = b"".join(data)
    print(f"module {len(module):,} bytes; code {code:,} in {len(bodies):,} functions; "
          f"data {len(blob):,} ({len(zlib.compress(blob, 9)):,} gzipped)")
    print("\ncode by crate")
    for crate, size in by_crate.most_common(top):
        print(f"{size:>10,}  {crate}")
    print("\ncode of this crate by module")
    for module_path, size in ours.most_common(top):
        print(f"{size:>10,}  {module_path}")
    print("\ndata by 16 KiB block: offset, gzipped, first strings")
    for at in range(0, len(blob), 16384):
        block = blob[at:at + 16384]
        words = re.findall(rb"[ -~]{8,}", block)[:3]
        print(f"{at:>8,} {len(zlib.compress(block, 9)):>7,}  {b' | '.join(words)[:100].decode()}")


if __name__ == "__main__":
    main()
