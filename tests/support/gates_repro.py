"""Reproducibility gate: two builds of the same sources must be byte-identical."""

import difflib
from pathlib import Path


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        return f"    binary; first differing byte at {offset} ({len(a)} vs {len(b)} bytes)"
    diff = list(difflib.unified_diff(lines_a, lines_b, "first", "second", n=0, lineterm=""))
    return "\n".join("    " + line[:160] for line in diff[2:8])


def diff_trees(first: Path, second: Path) -> list[str]:
    """What differs between two output folders: missing files, then differing bytes."""
    a, b = _files(first), _files(second)
    problems = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        bytes_a, bytes_b = a[name].read_bytes(), b[name].read_bytes()
        if bytes_a != bytes_b:
            problems.append(f"differs: {name}\n{_first_difference(bytes_a, bytes_b)}")
    if not a:
        problems.append(f"the first build wrote no files into {first}")
    return problems
