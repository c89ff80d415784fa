"""Gate 6, reproducibility: two clean builds into different folders are byte-identical."""

import os
import time

from tests.support.gates_repro import diff_trees
from tests.support.site import build_site


def _build(output, hash_seed: str):
    # A different hash seed per build: set and dict order must not leak into the output.
    result = build_site(output, env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    return output


def test_two_clean_builds_in_different_folders_are_byte_identical(tmp_path, gate_report):
    first = _build(tmp_path / "first" / "output", "1")
    second = _build(tmp_path / "elsewhere" / "deeper" / "site", "2")
    problems = diff_trees(first, second)
    files = sorted(p for p in first.rglob("*") if p.is_file())
    gate_report(
        "reproducible",
        f"two builds (PYTHONHASHSEED 1 and 2, different folders): {len(files)} files, "
        f"{sum(p.stat().st_size for p in files):,} bytes, {len(problems)} differences\n"
        + "\n".join(problems),
    )
    assert not problems, "the two builds differ:\n" + "\n".join(problems)


def _fake_build(output):
    """A build with the classic defect: it writes the time it ran into the page."""
    (output / "static").mkdir(parents=True)
    (output / "static" / "site.css").write_text("body { margin: 0; }\n")
    (output / "index.html").write_text(f"<p>built at {time.time_ns()}</p>\n")
    (output / f"cache-{time.time_ns()}.tmp").write_text("")
    return output


def test_reproducibility_check_finds_a_timestamp_and_stray_files_on_broken_fixture(tmp_path):
    first, second = _fake_build(tmp_path / "a"), _fake_build(tmp_path / "b")
    problems = diff_trees(first, second)
    assert any(p.startswith("only in the first build: cache-") for p in problems)
    assert any(p.startswith("only in the second build: cache-") for p in problems)
    differs = [p for p in problems if p.startswith("differs: index.html")]
    assert len(differs) == 1 and "-<p>built at" in differs[0] and "+<p>built at" in differs[0]
    assert not any("site.css" in p for p in problems)
    assert diff_trees(first, first) == []
