"""Gate 3, links: every href, src and #fragment resolves, served at `/` and under a sub-path."""

import pytest

from tests.support.gates_links import SUB_PATH, check_links
from tests.support.server import serve


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_every_link_resolves_at_root_and_under_a_sub_path(
    base_url, subpath_url, pages, gate_report, where
):
    url = base_url if where == "root" else subpath_url
    report = check_links(url, pages)
    gate_report(
        f"links-{where}",
        f"served at {url}: {len(pages)} pages, {report.checked} references checked, "
        f"{len(report.problems)} problems\n"
        + "\n".join(report.problems)
        + f"\nexternal links, listed and not fetched: {len(report.external)}"
        + (
            ":\n" + "\n".join(f"  {line}" for line in report.external)
            if where == "root"
            else " (the same as at the root: see links-root.txt)"
        ),
    )
    assert report.checked > 0
    assert not report.problems, f"{len(report.problems)} broken references at {url}:\n" + (
        "\n".join(report.problems)
    )


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<link rel="stylesheet" href="/style.css">
</head><body>
<h1 id="top">Links</h1>
<a href="#top">fine</a>
<a href="other.html#here">fine</a>
<a href="missing/">a missing page</a>
<a href="#nowhere">a missing id on this page</a>
<a href="other.html#gone">a missing id on another page</a>
<a href="#">an empty fragment</a>
<img src="pictures/none.png" alt="a missing image">
<a href="https://example.org/about">an external link</a>
<a href="mailto:someone@example.org">mail</a>
</body></html>
"""
OTHER_PAGE = '<!DOCTYPE html><html lang="en"><title>Other</title><p id="here">Here</p></html>'
STYLE = "body { background: url(paper.png); }\n"


def test_links_finds_missing_files_ids_and_root_absolute_urls_on_broken_fixture(tmp_path):
    (tmp_path / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "other.html").write_text(OTHER_PAGE, encoding="utf-8")
    (tmp_path / "style.css").write_text(STYLE, encoding="utf-8")
    with serve(tmp_path) as url:
        at_root = check_links(url, [""])
    with serve(tmp_path, SUB_PATH) as url:
        under_sub_path = check_links(url, [""])

    for report in (at_root, under_sub_path):
        problems = "\n".join(report.problems)
        assert '<a href="missing/">: /missing/ answers HTTP 404' in problems
        assert "<a href=\"#nowhere\">: no id='nowhere' in /" in problems
        assert "<a href=\"other.html#gone\">: no id='gone' in /other.html" in problems
        assert "empty fragment" in problems
        assert '<img src="pictures/none.png">: /pictures/none.png answers HTTP 404' in problems
        assert "#top" not in problems and "#here" not in problems
        assert report.external == [
            "https://example.org/about  (from /)",
            "mailto:someone@example.org  (from /)",
        ]
    # `/style.css` works at the root (and its url(paper.png) is missing there) ...
    assert "/style.css: url(paper.png): /paper.png answers HTTP 404" in "\n".join(at_root.problems)
    # ... but under a sub-path it escapes the site: the classic GitHub project-pages bug.
    assert (
        '/: <link href="/style.css">: resolves to /style.css, outside the site\'s path /explainer/'
        in under_sub_path.problems
    )
