#!/usr/bin/env python3
"""What the candidate's main module is made of: its code bytes by crate, and its largest functions.

Reads the main module as wasm-split leaves it, with its names, before wasm-bindgen and wasm-opt
(`target/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm`, which the release build
writes): the shares are of code before optimisation, so they rank where to cut rather than say
what a cut saves; `first-load.spec.ts` says that.

Usage: scripts/bench/main_module_composition.py [module] [crates to list] [function name pattern]
"""
import collections
import re
import sys

DEFAULT = "target/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm"


def leb(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def skip_limits(data, at):
    flags = data[at]
    _, at = leb(data, at + 1)
    return leb(data, at)[1] if flags & 1 else at


def read_module(data):
    """The number of imported functions, each defined function's body size, and the names."""
    at, imported, bodies, names = 8, 0, [], {}
    while at < len(data):
        section = data[at]
        size, at = leb(data, at + 1)
        end = at + size
        if section == 2:  # imports: module, name, then what is imported
            count, at2 = leb(data, at)
            for _ in range(count):
                for _ in range(2):
                    length, at2 = leb(data, at2)
                    at2 += length
                kind = data[at2]
                at2 += 1
                if kind == 0:
                    _, at2 = leb(data, at2)
                    imported += 1
                elif kind == 1:
                    at2 = skip_limits(data, at2 + 1)
                elif kind == 2:
                    at2 = skip_limits(data, at2)
                elif kind == 3:
                    at2 += 2
                else:
                    _, at2 = leb(data, at2 + 1)
        elif section == 10:  # code: each body with its size
            count, at2 = leb(data, at)
            for _ in range(count):
                length, body = leb(data, at2)
                bodies.append(length + body - at2)
                at2 = body + length
        elif section == 0:  # the "name" section's function names
            length, at2 = leb(data, at)
            if data[at2:at2 + length] == b"name":
                at2 += length
                while at2 < end:
                    sub = data[at2]
                    sub_size, at3 = leb(data, at2 + 1)
                    if sub == 1:
                        count, at4 = leb(data, at3)
                        for _ in range(count):
                            index, at4 = leb(data, at4)
                            length, at4 = leb(data, at4)
                            names[index] = data[at4:at4 + length].decode("utf8", "replace")
                            at4 += length
                    at2 = at3 + sub_size
        at = end
    return imported, bodies, names


def crate_of(name):
    """The crate a mangled name starts with; generic impls (`<T as …>`) as "T"."""
    legacy = re.match(r"_ZN(\d+)(.*)", name)
    if legacy:
        segment = legacy.group(2)[: int(legacy.group(1))]
        inner = re.match(r"_\$LT\$([A-Za-z0-9_]+)", segment)
        return inner.group(1) if inner else segment
    plain = re.match(r"<?([A-Za-z0-9_]+)::", name)
    return plain.group(1) if plain else name[:30]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else DEFAULT
    listed = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    imported, bodies, names = read_module(open(path, "rb").read())
    named = [(size, names.get(imported + index, "?")) for index, size in enumerate(bodies)]
    total = sum(bodies)
    print(f"{path}: {total} code bytes in {len(bodies)} functions")
    by_crate = collections.Counter()
    for size, name in named:
        by_crate[crate_of(name)] += size
    for crate, size in by_crate.most_common(listed):
        print(f"{size:9d} {100 * size / total:5.1f}%  {crate}")
    if len(sys.argv) > 3:
        pattern = re.compile(sys.argv[3])
        chosen = sorted((entry for entry in named if pattern.search(entry[1])), reverse=True)
        print(f"functions matching {sys.argv[3]!r}: {sum(size for size, _ in chosen)} bytes in {len(chosen)}")
        for size, name in chosen[:listed]:
            print(f"{size:9d}  {name[:150]}")


if __name__ == "__main__":
    main()
