"""`make bench` end to end at a tiny scale: every figure the issue names is printed, and a
budget that fails fails the run by its exit status (timings themselves are the benchmark's)."""

import re
import subprocess
import sys

from tests.support.site import ROOT


def test_the_benchmark_prints_every_figure_and_a_failed_budget_fails_the_run(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "tools/bench.py",
            *("--articles", "8", "--terms", "40", "--runs", "2", "--matcher-terms", "200"),
            *("--folder", str(tmp_path)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = result.stdout
    for column in ("off s", "on s", "overhead", "peak off MiB", "peak on MiB", "worker MiB"):
        assert column in out, column
    assert "largest page KiB" in out and "glossary/index.html" in out
    assert [line.split()[0] for line in out.splitlines() if line[:9].strip().isdigit()] == [
        "2",
        "4",
        "8",
    ]
    assert re.search(r"runs at N=8: off [\d.]+-[\d.]+ s, on [\d.]+-[\d.]+ s; .*%, .*%", out)
    cpu = re.search(
        r"CPU at N=8, every process: off [\d.]+ s, on [\d.]+ s "
        r"\(forked processes ([\d.]+) s\).*at least",
        out,
    )
    # The background process is counted, though the build leaves it to exit by itself.
    assert cpu and float(cpu[1]) > 0, out
    assert "KiB more peak per extra article" in out
    assert "same output as cold: True" in out
    assert "matcher at 200 terms" in out and "alternation" in out
    # At 8 articles Pelican's own build is mostly start-up, so the plugin's share is far above
    # 20 %: the run must say so and exit non-zero.
    assert "BUDGET FAILED: plugin overhead" in result.stderr
    assert result.returncode == 1


def test_the_floor_benchmark_builds_the_same_site_from_stored_annotations(tmp_path):
    """tools/bench_floor.py times three builds; its third is only a floor if the annotations it
    looks up are really the ones a build makes: it says so, and fails where they are not."""
    result = subprocess.run(
        [sys.executable, "tools/bench_floor.py", "--articles", "8", "--terms", "40", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if "overhead" in line]
    assert [row[0] for row in rows] == ["off", "on", "made"]
    assert all(float(row[-4]) > 0 and row[-1].endswith("%") for row in rows)
    assert "the site built from stored annotations is the site annotated anew: True" in (
        result.stdout
    )
