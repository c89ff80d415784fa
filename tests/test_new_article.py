"""`make new-article`: a scaffold that builds at once, and that `make check` will not pass."""

import shutil

import pytest
from explainer.lint import lint
from pelican.settings import read_settings

from tests.support.site import ROOT, build_site
from tools import new_article

SITE = ROOT / "tests" / "sites" / "two-articles"


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(SITE, copy)
    return copy


def test_scaffold_builds_and_the_linter_lists_every_placeholder(content, tmp_path):
    article, notes = new_article.scaffold(content, "third-article", "第三篇文章", date="2026-12-01")
    assert article == content / "articles" / "third-article.md"
    assert notes.read_text("utf-8").count("\narticle: third-article\n") == 1
    result = build_site(tmp_path / "out", content=content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "third-article" / "index.html").exists()

    settings = read_settings(str(ROOT / "pelican.conf.py"), override={"PATH": str(content)})
    report = lint(content, settings, cache_dir=ROOT / ".cache" / "jieba")
    assert report.errors and all(f.path == article for f in report.errors)
    assert all("fill in the placeholder 【待填写" in f.message for f in report.errors)
    lines = article.read_text("utf-8").splitlines()
    assert [f.line for f in report.errors] == [
        number for number, line in enumerate(lines, start=1) if "【待填写" in line
    ]
    assert report.warnings == [], "placeholder text is never a candidate name"


def test_every_metadata_field_is_written(content):
    article, _ = new_article.scaffold(content, "x", "标题", published="2024-09")
    header = article.read_text("utf-8").split("\n\n")[0]
    fields = [line.split(":")[0] for line in header.splitlines()]
    assert fields == [
        "Title",
        "Kicker",
        "Slug",
        "Date",
        "Published",
        "Published_label",
        "Standfirst",
        "Credit",
        "Source_url",
        "Source_name",
    ]
    assert "Published: 2024-09\nPublished_label: 2024年9月\n" in article.read_text("utf-8")


def test_refuses_to_overwrite(content):
    with pytest.raises(ValueError, match="already used by"):
        new_article.scaffold(content, "harbor-robots", "标题")
    (content / "notes" / "fresh.yaml").write_text("article: fresh\nnotes: []\n", "utf-8")
    with pytest.raises(ValueError, match="already exists; not overwriting"):
        new_article.scaffold(content, "fresh", "标题")
    assert not (content / "articles" / "fresh.md").exists()


@pytest.mark.parametrize(
    "slug", ["Bad", "a_b", "-a", "a--b", "中文", "", "glossary", "en", "x" * 61]
)
def test_rejects_a_bad_slug(content, slug):
    with pytest.raises(ValueError, match="slug"):
        new_article.scaffold(content, slug, "标题")


def test_rejects_a_bad_date_and_a_missing_title(content):
    with pytest.raises(ValueError, match="month 13"):
        new_article.scaffold(content, "x", "标题", published="2024-13")
    with pytest.raises(ValueError, match="title is required"):
        new_article.scaffold(content, "x", "  ")


def test_command_line_prints_the_files_and_next_steps(content, capsys):
    assert new_article.main(["--content", str(content), "--slug", "y", "--title", "标题"]) == 0
    out = capsys.readouterr().out
    assert "y.md" in out and "y.yaml" in out and "make check" in out
    assert new_article.main(["--content", str(content), "--slug", "y", "--title", "标题"]) == 1
    assert "already used" in capsys.readouterr().err
