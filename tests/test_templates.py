"""The plugin renders its cards and pages with the environment Pelican renders the articles
with, so no template of the theme is compiled twice in a build."""

import shutil
from collections import Counter

import jinja2
from pelican import Pelican
from pelican.settings import read_settings

from tests.support.site import ROOT

TWO_ARTICLES = ROOT / "tests" / "sites" / "two-articles"


def test_each_template_is_compiled_once_a_build(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    compiled = Counter()
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled[name] += 1
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "EXPLAINER_WORKERS": 1,  # one process: every compile is counted here
        },
    )
    Pelican(settings).run()
    assert (tmp_path / "output" / "glossary" / "index.html").exists()
    assert {"article.html", "glossary.html", "_glossary.html", "base.html"} <= set(compiled)
    assert [name for name, times in compiled.items() if times > 1] == []
