"""Annotating in other processes (the background process while Pelican reads, then workers)
builds the same site as annotating everything in the build's own process."""

import random
import re

from tests.support.gates_repro import diff_trees
from tests.support.site import build_site
from tools.bench import write_corpus

COUNTS = re.compile(
    r"explainer: (\d+) documents, (\d+) from the annotation cache, (\d+) from the background "
    r"process, (\d+) by this process beside it, (\d+) after it"
)


def test_other_processes_build_the_same_site_byte_for_byte(tmp_path):
    content = tmp_path / "content"
    write_corpus(content, 300, 200, random.Random(7))
    counts = {}
    for workers in (1, 2):
        result = build_site(
            tmp_path / f"workers-{workers}",
            content=content,
            pelican_args=("-D", "-e", f"EXPLAINER_WORKERS={workers}"),
        )
        assert result.returncode == 0, result.stderr
        found = COUNTS.search(result.stdout + result.stderr)
        assert found, "the build did not report how its documents were annotated"
        counts[workers] = [int(number) for number in found.groups()]
    assert counts[1] == [300, 0, 0, 0, 300]  # one process: no background, no workers
    total, cached, background, beside, after = counts[2]
    assert (total, cached, after) == (300, 0, 0) and background + beside == 300
    assert background > 0, "the background process gave no annotation"
    assert diff_trees(tmp_path / "workers-1", tmp_path / "workers-2") == []
