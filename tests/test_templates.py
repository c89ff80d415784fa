"""The plugin renders its cards and pages with the environment Pelican renders the articles
with, so no template of the theme is compiled twice in a build."""

import os
import shutil
import sys
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


def test_the_page_writer_compiles_only_its_own_pages(tmp_path, monkeypatch):
    """The templates the articles extend and import are compiled before the process that
    writes the glossary and timeline pages is forked; it compiles those pages only."""
    content = tmp_path / "content"
    shutil.copytree(TWO_ARTICLES, content)
    log = tmp_path / "compiled.txt"
    compile_template = jinja2.Environment.compile

    def logging_compile(self, source, name=None, *args, **kwargs):
        with log.open("a") as file:
            file.write(f"{os.getpid()} {name}\n")
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", logging_compile)
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output")},
    )
    pelican = Pelican(settings)  # loads the plugin, as the module Pelican imports it as
    plugin = sys.modules["explainer"]
    monkeypatch.setattr(plugin.generator, "MIN_DOCUMENTS_PER_WORKER", 1)  # two are enough
    monkeypatch.setattr(plugin.article_writing, "fork_is_safe", lambda: True)  # the suite's threads
    pelican.run()
    assert (tmp_path / "output" / "glossary" / "index.html").exists()
    by_process: dict[str, set] = {}
    for line in log.read_text().splitlines():
        pid, name = line.split()
        by_process.setdefault(pid, set()).add(name)
    build = by_process.pop(str(os.getpid()))
    (page_writer,) = by_process.values()
    assert page_writer == {"glossary.html", "timeline.html"}
    assert {"base.html", "_timeline.html", "article.html"} <= build
