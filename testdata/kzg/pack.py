#!/usr/bin/env python3
"""Packs c-kzg-4844's reference test cases into this folder without storing a blob twice.

Usage: testdata/kzg/pack.py <upstream-dir>
where <upstream-dir> holds <function>/<case>.yaml exactly as c-kzg-4844 ships them
(tests/<function>/kzg-mainnet/<case>/data.yaml, renamed <function>/<case>.yaml).

The 128 blob values in those files are only 11 distinct 256 KiB hex strings. Each distinct one
is written once to blobs/<id>.hex (id = first 16 hex digits of the SHA-256 of the hex text) and
every occurrence '0x<hex>' in a case file becomes 'blob:<id>'. Nothing else changes.
UPSTREAM.sha256 records the SHA-256 of every original file; KzgVectorTest rebuilds each file
(textual 'blob:<id>' -> '0x' + blobs/<id>.hex) and checks it against that list, so the cases the
tests run are byte-for-byte the upstream ones.
"""
import hashlib
import os
import re
import sys

BLOB = re.compile(r"'0x([0-9a-fA-F]{1000,})'")


def main(src: str) -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(here, "blobs"), exist_ok=True)
    sums = []
    for function in sorted(os.listdir(src)):
        fdir = os.path.join(src, function)
        if not os.path.isdir(fdir):
            continue
        os.makedirs(os.path.join(here, function), exist_ok=True)
        for case in sorted(os.listdir(fdir)):
            raw = open(os.path.join(fdir, case), "rb").read()
            sums.append(f"{hashlib.sha256(raw).hexdigest()}  {function}/{case}")

            def store(m: "re.Match[str]") -> str:
                text = m.group(1)
                blob_id = hashlib.sha256(text.encode()).hexdigest()[:16]
                with open(os.path.join(here, "blobs", blob_id + ".hex"), "w") as out:
                    out.write(text)
                return f"'blob:{blob_id}'"

            packed = BLOB.sub(store, raw.decode())
            with open(os.path.join(here, function, case), "w") as out:
                out.write(packed)
    with open(os.path.join(here, "UPSTREAM.sha256"), "w") as out:
        out.write("\n".join(sums) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
