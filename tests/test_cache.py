"""Pelican's content cache: a rebuild after editing one article equals a cold build of it.

(How much faster it is, `make bench` measures: timings belong in a benchmark, not a test.)
"""

import pickle
import shutil

from explainer.annotation_cache import FILE_NAME, digest
from explainer.data_cache import FILE_NAME as DATA_FILE

from tests.support.gates_repro import diff_trees
from tests.support.site import ROOT, build_site


def site_with_cache(tmp_path):
    """A copy of the real content, a cache folder, and the arguments that build with it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    cached = ("--cache-path", str(cache), "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
    return content, cache, cached


def test_cached_rebuild_after_an_edit_matches_a_cold_build(tmp_path):
    content, cache, cached = site_with_cache(tmp_path)

    first = build_site(tmp_path / "first", content=content, pelican_args=cached)
    assert first.returncode == 0, first.stderr
    assert any(cache.iterdir()), "the first build filled the cache"

    article = content / "articles" / "alibaba-cloud-open-source.en.md"
    article.write_text(
        article.read_text("utf-8").replace(
            "a technological journey that truly", "a technical journey that truly"
        ),
        encoding="utf-8",
    )

    warm = build_site(tmp_path / "warm", content=content, pelican_args=cached)
    assert warm.returncode == 0, warm.stderr
    cold = build_site(tmp_path / "cold", content=content)
    assert cold.returncode == 0, cold.stderr

    assert diff_trees(tmp_path / "warm", tmp_path / "cold") == []
    edited = (tmp_path / "warm" / "en" / "alibaba-cloud-open-source" / "index.html").read_text()
    assert "technical journey" in edited


def test_a_rebuild_reuses_the_annotations_of_unchanged_articles_only(tmp_path):
    content, cache, cached = site_with_cache(tmp_path)
    assert build_site(tmp_path / "first", content=content, pelican_args=cached).returncode == 0

    stored_file = cache / FILE_NAME
    stored = pickle.loads(stored_file.read_bytes())
    assert len(stored) == 2, "one annotation per article and translation"
    for annotation in stored.values():
        annotation.content += "<!-- from the cache -->"
    stored_file.write_bytes(pickle.dumps(stored))
    # A new standfirst: its article is annotated anew; the other one's inputs are unchanged
    # (an edit to the body would change the paragraph ids its counterpart links point to).
    article = content / "articles" / "alibaba-cloud-open-source.en.md"
    text = article.read_text("utf-8").replace("Standfirst: Tongyi's", "Standfirst: Its")
    article.write_text(text, encoding="utf-8")

    assert build_site(tmp_path / "warm", content=content, pelican_args=cached).returncode == 0
    page = "alibaba-cloud-open-source/index.html"
    assert "from the cache" in (tmp_path / "warm" / page).read_text("utf-8")
    assert "from the cache" not in (tmp_path / "warm" / "en" / page).read_text("utf-8")


def test_an_edited_data_file_is_read_again_and_the_others_come_from_the_cache(tmp_path):
    content, cache, cached = site_with_cache(tmp_path)
    assert build_site(tmp_path / "first", content=content, pelican_args=cached).returncode == 0

    glossary = content / "data" / "glossary.yaml"
    text = glossary.read_text("utf-8")
    definition = "zh: 阿里巴巴集团旗下"
    glossary.write_text(text.replace(definition, f"{definition}，改过的", 1), "utf-8")
    assert build_site(tmp_path / "warm", content=content, pelican_args=cached).returncode == 0
    assert build_site(tmp_path / "cold", content=content).returncode == 0
    assert diff_trees(tmp_path / "warm", tmp_path / "cold") == []
    assert "改过的" in (tmp_path / "warm" / "glossary" / "index.html").read_text("utf-8")

    # Mark the stored notes, then edit the glossary again: the notes must come from the cache.
    stored_file = cache / DATA_FILE
    stored = pickle.loads(stored_file.read_bytes())
    (notes,) = [value for (_, path, *_), value in stored.items() if "notes" in path]
    notes.key_points["zh"][0] = "来自缓存的要点"
    stored_file.write_bytes(pickle.dumps(stored))
    glossary.write_text(text.replace(definition, f"{definition}，再改的", 1), "utf-8")
    assert build_site(tmp_path / "again", content=content, pelican_args=cached).returncode == 0
    assert "再改的" in (tmp_path / "again" / "glossary" / "index.html").read_text("utf-8")
    page = tmp_path / "again" / "alibaba-cloud-open-source" / "index.html"
    assert "来自缓存的要点" in page.read_text("utf-8")


def test_digests_tell_parts_apart_however_they_are_cut_or_typed():
    assert digest("ab", "c") != digest("a", "bc") != digest("abc")
    assert digest("1") != digest(1) and digest(["x"]) != digest("['x']")
    assert digest("页\ud800") == digest("页\ud800")  # a lone surrogate hashes, and alike
