#!/usr/bin/env python3
"""Code and data size of a wasm module by crate, by kind of code and by function, from its name
section. `make size-detail` runs it on the shipped build with its names kept (wasm-bindgen --keep-debug,
wasm-opt -g), which is what counts; cargo's own output works too but overstates (wasm-bindgen's
describe functions, code wasm-opt removes):

    python3 tools/wasm_sizes.py target/size/named.wasm
"""
import re
import sys
from collections import Counter


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def crate_of(name):
    """The crate of a (legacy or v0) mangled Rust symbol, or the name itself."""
    m = re.match(r"_ZN(\d+)", name)
    if m:
        n = int(m.group(1))
        first = name[m.end() : m.end() + n]
        if first.startswith("_$LT$"):
            inner = re.search(r"_\$LT\$([a-z_][a-z0-9_]*)\.\.", first)
            return inner.group(1) if inner else "<impl>"
        return first
    m = re.search(r"Cs[0-9A-Za-z]*_(\d+)", name)
    if name.startswith("_R") and m:
        n = int(m.group(1))
        return name[m.end() : m.end() + n]
    return name.split("::")[0][:40]


KINDS = [
    ("sort", r"sort"),
    ("serde deserialize", r"DeserializeSeed|deserialize|Deserialize|serde..de|serde_core..de"),
    ("serde serialize", r"Serialize|serialize"),
    ("number formatting", r"flt2dec|dec2flt|fmt"),
    ("regex", r"regex_lite"),
    ("hash maps", r"hashbrown"),
]


def demangle(name):
    """Readable form of a legacy mangled Rust symbol (enough to see what a function is)."""
    m = re.match(r"_ZN((?:\d+[^\d]\S*?)+)17h[0-9a-f]{16}E$", name)
    if not m:
        return name
    parts, rest = [], m.group(1)
    while rest:
        n = re.match(r"\d+", rest)
        if not n:
            break
        k = int(n.group(0))
        parts.append(rest[n.end() : n.end() + k])
        rest = rest[n.end() + k :]
    out = "::".join(parts)
    for a, b in [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("$RF$", "&"), ("..", "::")]:
        out = out.replace(a, b)
    return out


def main(path):
    b = open(path, "rb").read()
    i = 8
    sections = []
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        sections.append((sid, j, j + size))
        i = j + size
    imported = 0
    bodies = []
    names = {}
    data_total = 0
    for sid, s, e in sections:
        if sid == 2:  # imports: count imported functions (they shift indices)
            n, k = leb(b, s)
            for _ in range(n):
                for _ in range(2):
                    ln, k = leb(b, k)
                    k += ln
                kind = b[k]
                k += 1
                if kind == 0:
                    _, k = leb(b, k)
                    imported += 1
                elif kind == 1:
                    k += 1
                    flags, k = leb(b, k)
                    _, k = leb(b, k)
                    if flags & 1:
                        _, k = leb(b, k)
                elif kind == 2:
                    flags, k = leb(b, k)
                    _, k = leb(b, k)
                    if flags & 1:
                        _, k = leb(b, k)
                elif kind == 3:
                    k += 2
        elif sid == 10:
            n, k = leb(b, s)
            for _ in range(n):
                size, k2 = leb(b, k)
                bodies.append(size)
                k = k2 + size
        elif sid == 11:
            data_total += e - s
        elif sid == 0:
            ln, k = leb(b, s)
            if b[k : k + ln] == b"name":
                k += ln
                while k < e:
                    sub = b[k]
                    size, k2 = leb(b, k + 1)
                    if sub == 1:
                        n, q = leb(b, k2)
                        for _ in range(n):
                            idx, q = leb(b, q)
                            ln2, q = leb(b, q)
                            names[idx] = b[q : q + ln2].decode("utf-8", "replace")
                            q += ln2
                    k = k2 + size
    by = Counter()
    kinds = Counter()
    functions = []
    for n, size in enumerate(bodies):
        name = names.get(n + imported, "?")
        by[crate_of(name)] += size
        kinds[next((k for k, p in KINDS if re.search(p, name)), "other")] += size
        functions.append((size, name))
    total = sum(bodies)
    print(f"code {total} bytes in {len(bodies)} functions; data {data_total} bytes")
    for crate, size in by.most_common(25):
        print(f"{size:>9}  {100 * size / total:5.1f}%  {crate}")
    print("by kind:")
    for kind, size in kinds.most_common():
        print(f"{size:>9}  {100 * size / total:5.1f}%  {kind}")
    print("largest functions:")
    for size, name in sorted(functions, reverse=True)[:20]:
        print(f"{size:>9}  {demangle(name)[:110]}")


if __name__ == "__main__":
    main(sys.argv[1])
