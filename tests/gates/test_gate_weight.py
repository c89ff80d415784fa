"""Gate 4, weight: the article and all it loads stay within the byte and request budgets."""

import hashlib

import pytest

from tests.support.gates_weight import BUDGET_JS, BUDGET_REQUESTS, BUDGET_TOTAL, measure
from tests.support.server import serve
from tests.support.site import ARTICLE_SLUG

pytestmark = pytest.mark.browser

ARTICLE = f"{ARTICLE_SLUG}/"


def _measure(browser, url, **where):
    context = browser.new_context()
    try:
        return measure(context.new_page(), url, **where)
    finally:
        context.close()


def test_every_page_stays_within_the_weight_budget(browser, site, base_url, pages, gate_report):
    assert ARTICLE in pages, f"the article {ARTICLE} was not built"
    weights = [
        _measure(browser, base_url + path, site_root=site.root, base_url=base_url)
        for path in [ARTICLE] + [path for path in pages if path != ARTICLE]
    ]
    article = weights[0]
    gate_report(
        "weight",
        f"budget per page: {BUDGET_TOTAL:,} B gzip -9 in all, at most {BUDGET_REQUESTS} "
        f"requests, 0 to other hosts, JavaScript at most {BUDGET_JS:,} B gzip -9\n\n"
        + "\n\n".join(weight.table() for weight in weights),
    )
    kinds = {entry.kind for entry in article.entries}
    assert {"html", "css"} <= kinds, f"the article loaded no HTML or CSS? {article.table()}"
    assert any(entry.path.endswith("favicon.svg") for entry in article.entries), (
        "the favicon is not counted"
    )
    problems = [problem for weight in weights for problem in weight.problems()]
    assert not problems, "\n".join(problems) + "\n\n" + article.table()


def _incompressible(size: int, seed: str) -> str:
    """Text that gzip cannot shrink much: hex digits of a hash chain."""
    out, digest = [], seed.encode()
    while sum(map(len, out)) < size:
        digest = hashlib.sha256(digest).digest()
        out.append(digest.hex())
    return "".join(out)[:size]


def test_weight_finds_heavy_scripts_extra_requests_and_other_hosts_on_broken_fixture(
    browser, tmp_path
):
    scripts = "".join(f'<script src="s{i}.js"></script>' for i in range(3))
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Heavy</title>'
        f'<link rel="stylesheet" href="big.css">{scripts}'
        '<link rel="icon" href="favicon.svg"></head><body>'
        '<img src="https://cdn.example.invalid/pixel.png" alt=""></body></html>',
        encoding="utf-8",
    )
    for i in range(3):  # about 3 x 2.7 KB gzip of JavaScript
        (tmp_path / f"s{i}.js").write_text(f'var s{i} = "{_incompressible(5000, str(i))}";')
    (tmp_path / "big.css").write_text(f"/* {_incompressible(80_000, 'css')} */")
    with serve(tmp_path) as url:
        weight = _measure(browser, url, site_root=tmp_path, base_url=url)
    problems = "\n".join(weight.problems())
    assert f"B gzip in all, budget {BUDGET_TOTAL:,} B" in problems
    assert f"B of JavaScript gzip, budget {BUDGET_JS:,} B" in problems
    assert f"7 requests, budget {BUDGET_REQUESTS}" in problems
    assert "request to another host: https://cdn.example.invalid/pixel.png" in problems
    assert "requests a file the site lacks: " + url + "favicon.svg" in problems
    table = weight.table()
    assert "s0.js" in table and "big.css" in table and "other host (aborted)" in table
