"""Heading ids made in one process and used in another, which then need not load pypinyin."""

import json
import subprocess
import sys

from explainer.fragment import parse
from explainer.settings import DEFAULTS
from explainer.structure import add_ids, heading_ids_of

from tests.support.site import ROOT

LABELS = DEFAULTS["EXPLAINER_LABELS"]["zh-cn"]
PAGE = (
    "<h2>阿里云为什么押注开源</h2><p>一段。</p>"
    '<h2 id="kept">已有 id 的标题</h2><p>二段。</p>'
    "<h2>Qwen &amp; <em>o1</em>：\n 对比</h2><p>三段。</p>"
    "<h2>第二部分</h2><p>四段。</p><h2>第二部分</h2><p>五段。</p>"
)
PROBE = """
import json, sys
from explainer.fragment import parse
from explainer.settings import DEFAULTS
from explainer.structure import add_ids, remember_heading_ids
remember_heading_ids(json.loads(sys.argv[1]))
toc = add_ids(parse(sys.argv[2]), DEFAULTS["EXPLAINER_LABELS"]["zh-cn"])
print(json.dumps([[entry["id"] for entry in toc], "pypinyin" in sys.modules]))
"""


def test_heading_ids_made_elsewhere_give_the_same_page_without_pypinyin():
    made_here = [entry["id"] for entry in add_ids(parse(PAGE), LABELS)]
    ids = heading_ids_of(PAGE)
    assert "已有 id 的标题" not in ids  # a heading with an id keeps it: nothing to make
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(ids), PAGE],
        cwd=ROOT / "plugins",
        capture_output=True,
        text=True,
        check=True,
    )
    made_there, loaded_pypinyin = json.loads(result.stdout)
    assert made_there == made_here
    assert made_here[-2:] == ["s-di-er-bu-fen", "s-di-er-bu-fen-2"]
    assert not loaded_pypinyin
