"""The content linter (`make check`): each check on a tiny content folder, then the real one."""

import subprocess
import sys
import textwrap
from pathlib import Path

from explainer.lint import ERROR, lint
from pelican.settings import read_settings

from tests.support.site import ROOT
from tools import check_content

CACHE = ROOT / ".cache" / "jieba"
GLOSSARY = """\
entries:
  - id: qwen
    term: 通义
    english: Qwen
    kind: product
    aliases: [Qwen2.5]
    definition: {zh: 一个模型。, en: A model.}
  - id: open-source
    term: 开源
    english: Open source
    kind: concept
    definition: {zh: 公开源代码。, en: Publishing the source.}
"""
TIMELINE_HEAD = """\
categories: [models]
events:
"""


def event(event_id: str, exact: str, article: str = "") -> str:
    return textwrap.indent(
        textwrap.dedent(f"""\
            - id: {event_id}
              date: "2024-05"
              category: models
              title: {{zh: 事件, en: Event}}
              description: {{zh: 事件。, en: An event.}}
              quote: {{exact: {exact}}}
            """)
        + (f"  article: {article}\n" if article else ""),
        "  ",
    )


def note(note_id: str, exact: str) -> str:
    return textwrap.indent(
        textwrap.dedent(f"""\
            - id: {note_id}
              type: context
              quote: {{exact: {exact}}}
              body: {{zh: 注。, en: A note.}}
            """),
        "  ",
    )


def article(slug: str, *paragraphs: str, title: str = "标题") -> str:
    header = f"Title: {title}\nSlug: {slug}\nDate: 2026-11-28\n\n"
    return header + "\n\n".join(paragraphs) + "\n"


def make_site(
    root: Path,
    articles: dict[str, str],
    *,
    glossary: str = GLOSSARY,
    events: list[str] = (),
    notes: dict[str, list[str]] | None = None,
    allow: str | None = None,
) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "notes").mkdir()
    for slug, text in articles.items():
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    (root / "data" / "glossary.yaml").write_text(glossary, encoding="utf-8")
    if events:
        (root / "data" / "timeline.yaml").write_text(
            TIMELINE_HEAD + "".join(events), encoding="utf-8"
        )
    for slug, items in (notes or {}).items():
        (root / "notes" / f"{slug}.yaml").write_text(
            f"article: {slug}\nnotes:\n" + "".join(items), encoding="utf-8"
        )
    if allow is not None:
        (root / "data" / "lint-allow.yaml").write_text(allow, encoding="utf-8")
    return root


def run(content: Path, **options):
    settings = read_settings(str(ROOT / "pelican.conf.py"), override={"PATH": str(content)})
    return lint(content, settings, cache_dir=CACHE, **options)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


# Both glossary entries are used, so a clean folder has nothing to report.
BODY = "通义坚持开源，这是长期战略。"


def test_a_clean_folder_reports_nothing(tmp_path):
    content = make_site(tmp_path, {"a": article("a", BODY)})
    report = run(content)
    assert report.lines() == [] and not report.errors and not report.warnings


def test_unused_entry_reported(tmp_path):
    glossary = GLOSSARY + textwrap.indent(
        textwrap.dedent("""\
            - id: kimi
              term: 月之暗面
              english: Moonshot AI
              kind: organisation
              pinyin: Yuè zhī Ànmiàn
              definition: {zh: 一家公司。, en: A company.}
            """),
        "  ",
    )
    content = make_site(tmp_path, {"a": article("a", BODY)}, glossary=glossary)
    path = content / "data" / "glossary.yaml"
    (finding,) = run(content, names=False).findings
    assert (finding.severity, finding.path, finding.entry) == (ERROR, path, "kimi")
    assert finding.line == line_of(path, "id: kimi")
    assert "matches nothing in any article" in finding.message


def test_orphaned_quote_reported_with_line(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY)},
        notes={"a": [note("fine", "长期战略"), note("lost", "不存在的话")]},
        events=[event("gone", "也不存在")],
    )
    report = run(content, names=False)
    by_entry = {f.entry: f for f in report.errors}
    notes_path, timeline_path = content / "notes" / "a.yaml", content / "data" / "timeline.yaml"
    assert set(by_entry) == {"lost", "gone"}
    assert by_entry["lost"].path == notes_path
    assert by_entry["lost"].line == line_of(notes_path, "id: lost")
    assert "“不存在的话” is not found (orphaned)" in by_entry["lost"].message
    assert by_entry["gone"].path == timeline_path
    assert by_entry["gone"].line == line_of(timeline_path, "id: gone")
    assert "not found in any article (orphaned)" in by_entry["gone"].message


def test_ambiguous_quote_reported(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY, "通义再次坚持开源。")},
        notes={"a": [note("twice", "坚持开源")]},
    )
    (finding,) = run(content, names=False).errors
    assert finding.entry == "twice" and "ambiguous" in finding.message
    assert "a.md lines 5, 7" in finding.message  # where the two places are, to pick one


def test_event_quote_in_two_articles_needs_an_article(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY), "b": article("b", BODY)},
        events=[event("both", "长期战略"), event("named", "长期战略", article="b")],
    )
    (finding,) = run(content, names=False).errors
    assert finding.entry == "both"
    assert "found in 2 articles (a.md, b.md)" in finding.message
    assert "article: <slug>" in finding.message


def test_event_quote_ambiguous_in_its_article_is_one_error(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY, "坚持开源。"), "b": article("b", "通义发布。")},
        events=[event("site-wide", "坚持开源"), event("named", "坚持开源", article="a")],
    )
    errors = run(content, names=False).errors
    assert [(f.entry, "ambiguous" in f.message) for f in errors] == [
        ("site-wide", True),
        ("named", True),
    ]


def test_notes_and_events_for_an_unknown_article(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY)},
        notes={"missing": [note("n", "长期战略")]},
        events=[event("e", "长期战略", article="missing")],
    )
    errors = run(content, names=False).errors
    assert len(errors) == 2
    assert all("no published article has the slug 'missing'" in f.message for f in errors)


def test_overlapping_notes_reported(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY)},
        notes={"a": [note("one", "坚持开源"), note("two", "开源，这是")]},
    )
    (finding,) = run(content, names=False).errors
    assert finding.entry == "two" and "overlaps note 'one'" in finding.message


def test_bad_data_is_reported_with_its_line_not_raised(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY)},
        glossary=GLOSSARY.replace("kind: concept", "kind: idea"),
    )
    (finding,) = run(content).errors
    assert finding.path.name == "glossary.yaml" and finding.line and "kind" in finding.message


def test_candidate_person_name_found(tmp_path):
    content = make_site(
        tmp_path, {"a": article("a", BODY, "公司创始人王小明表示，模型将在下月发布。")}
    )
    (candidate,) = run(content).candidates
    assert (candidate.term, candidate.kind, candidate.count) == ("王小明", "person", 1)


def test_latin_name_found(tmp_path):
    content = make_site(
        tmp_path,
        {"a": article("a", BODY, "DeepMind与Hugging Face合作，在app里发布了Gemma2和Qwen2.5。")},
    )
    candidates = {c.term: c.kind for c in run(content).candidates}
    # Qwen2.5 is glossed; "app" is an ordinary lowercase word; names of two words stay whole.
    assert candidates == {
        "DeepMind": "Latin-script name",
        "Hugging Face": "Latin-script name",
        "Gemma2": "Latin-script name",
    }


def test_allowlisted_candidate_silenced(tmp_path):
    allow = "allow:\n  - {term: 王小明, reason: 测试}\n  - deepmind\n  - 李四\n"
    content = make_site(
        tmp_path,
        {"a": article("a", BODY, "创始人王小明表示，DeepMind也在做。")},
        allow=allow,
    )
    report = run(content)
    assert report.candidates == []
    (stale,) = report.warnings  # case does not matter; an item that silences nothing is stale
    assert stale.path.name == "lint-allow.yaml" and stale.line == 4 and "李四" in stale.message


def test_already_glossed_term_not_a_candidate(tmp_path):
    glossary = GLOSSARY + textwrap.indent(
        textwrap.dedent("""\
            - id: wang
              term: 王小明
              english: Wang Xiaoming
              pinyin: Wáng Xiǎomíng
              kind: person
              definition: {zh: 创始人。, en: A founder.}
            """),
        "  ",
    )
    content = make_site(
        tmp_path,
        {"a": article("a", BODY, "公司创始人王小明表示，Qwen2.5将在下月发布。")},
        glossary=glossary,
    )
    assert run(content).lines() == []


def test_ranked_by_frequency(tmp_path):
    text = article(
        "a",
        BODY,
        "李华与王小明一同出席。",
        "王小明说，张伟也来了。",
        "张伟和王小明都同意。",
    )
    content = make_site(tmp_path, {"a": text})
    ranked = [(c.term, c.count) for c in run(content).candidates]
    assert ranked == [("王小明", 3), ("张伟", 2), ("李华", 1)]


def test_output_names_file_and_line(tmp_path):
    content = make_site(
        tmp_path, {"a": article("a", BODY, "这一段没有人名。", "记者见到了王小明。", "王小明说。")}
    )
    (line,) = run(content).lines(root=content)
    assert line == (
        "articles/a.md:9: warning: candidate “王小明” (2 occurrences, person) has no glossary entry"
    )


def test_strict_fails_on_warnings_only(tmp_path, capsys):
    content = make_site(tmp_path, {"a": article("a", BODY, "记者见到了王小明。")})
    assert check_content.main(["--content", str(content)]) == 0
    assert check_content.main(["--content", str(content), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "a.md:7: warning: candidate “王小明”" in out
    assert "1 name(s) without a glossary entry" in out and "lint-allow.yaml" in out


def test_errors_fail_without_strict(tmp_path):
    content = make_site(tmp_path, {"a": article("a", BODY)}, notes={"a": [note("x", "无此句")]})
    assert check_content.main(["--content", str(content), "--no-names"]) == 1


def test_real_content_is_clean():
    """What `make check` runs; `make test` runs it through this test."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.check_content", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content check: 0 error(s), 0 warning(s)" in result.stdout


def test_make_check_runs_the_strict_linter():
    dry_run = subprocess.run(
        ["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "tools.check_content --strict" in dry_run.stdout, dry_run.stdout + dry_run.stderr
