"""Annotating in worker processes builds the same site as annotating in the build's process."""

import random

from tests.support.gates_repro import diff_trees
from tests.support.site import build_site
from tools.bench import write_corpus


def test_worker_processes_build_the_same_site_byte_for_byte(tmp_path):
    content = tmp_path / "content"
    write_corpus(content, 40, 200, random.Random(7))
    for workers in (1, 2):
        result = build_site(
            tmp_path / f"workers-{workers}",
            content=content,
            pelican_args=("-e", f"EXPLAINER_WORKERS={workers}"),
        )
        assert result.returncode == 0, result.stderr
    assert diff_trees(tmp_path / "workers-1", tmp_path / "workers-2") == []
