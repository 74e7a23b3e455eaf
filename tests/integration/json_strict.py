#!/usr/bin/env python3
"""Strict check of JSON lines files (json_strict.sh): every line one JSON object with a string
"type", no duplicate key at any depth, no NaN/Infinity, only valid UTF-8 without raw control
characters or lone surrogates. Prints `FILE:LINE: what is wrong` per bad line, then one
`TYPE[/KIND] COUNT` line per kind of object seen. Exit status 1 if any line was bad."""
import collections
import json
import sys


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = [k for k, n in collections.Counter(keys).items() if n > 1]
    if dup:
        raise ValueError("duplicate key %r" % dup[0])
    return dict(pairs)


def no_constant(name):
    raise ValueError("%s is not JSON" % name)


def check_strings(v):
    """Lone surrogates ("\\udc80") parse but are no Unicode text."""
    if isinstance(v, str):
        v.encode("utf-8")
    elif isinstance(v, dict):
        for k, x in v.items():
            check_strings(k)
            check_strings(x)
    elif isinstance(v, list):
        for x in v:
            check_strings(x)


def check_line(raw):
    text = raw.decode("utf-8")  # strict: invalid UTF-8 raises
    obj = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant,
                     strict=True)  # strict: raw control characters in strings raise
    check_strings(obj)
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise ValueError("not an object with a string \"type\"")
    return obj["type"] + ("/" + obj["kind"] if obj["type"] == "event" else "")


def main(paths):
    seen = collections.Counter()
    bad = 0
    for path in paths:
        with open(path, "rb") as f:
            for no, raw in enumerate(f, 1):
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("line not terminated by a newline")
                    seen[check_line(raw[:-1])] += 1
                except ValueError as e:  # UnicodeError and JSONDecodeError are ValueErrors
                    bad += 1
                    print("%s:%d: %s" % (path, no, e))
    for what, n in sorted(seen.items()):
        print(what, n)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
