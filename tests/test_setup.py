"""The two-command setup: Makefile targets, pinned dependencies, and builds that fail safely."""

import importlib.util
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.site import ROOT, build_site

QUICKSTART_TARGETS = [
    "help",
    "html",
    "clean",
    "regenerate",
    "serve",
    "devserver",
    "publish",
    "github",
    "install",
    "test",
    "lint",
]


def test_make_help_documents_every_target():
    result = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for target in QUICKSTART_TARGETS:
        assert f"make {target} " in result.stdout, f"`make help` does not list {target}"


def test_every_dependency_is_pinned_and_locked():
    result = subprocess.run(
        [sys.executable, "tools/check_lock.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_publishconf_loads_the_dotted_settings_file(monkeypatch):
    from pelican.settings import read_settings

    monkeypatch.setenv("SITEURL", "https://example.org/explainer/")
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["SITEURL"] == "https://example.org/explainer"
    assert settings["THEME"].endswith("theme")
    assert settings["RELATIVE_URLS"] is False


def test_a_failed_build_exits_non_zero_and_keeps_the_last_good_output(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    assert build_site(output, content=content).returncode == 0
    good = (output / "index.html").read_bytes()

    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: not-a-date\n\nbody\n", encoding="utf-8"
    )
    result = build_site(output, content=content)

    assert result.returncode != 0
    assert "last good output kept" in result.stderr
    assert (output / "index.html").read_bytes() == good
    assert not list(tmp_path.glob("output.tmp-*")), "the failed staging folder was left behind"


def test_a_second_article_appears_on_the_index_by_itself(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "articles" / "second.md").write_text(
        "Title: 第二篇文章\nSlug: second-article\nDate: 2024-10-01\nKicker: 测试\n"
        "Standfirst: 一篇只为测试而写的短文。\n\n正文第一段。\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build_site(output, content=content)
    assert result.returncode == 0, result.stderr
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "./second-article/" in index and "./alibaba-cloud-open-source/" in index
    assert (output / "second-article" / "index.html").exists()


def test_importing_the_plugin_leaves_pypinyin_to_the_first_heading():
    """pypinyin's dictionaries take 0.14 s to load: importing the plugin must not, or every
    build waits that long before Pelican starts reading."""
    probe = "import sys, explainer; print('pypinyin' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT / "plugins",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_a_build_caches_the_plugins_bytecode_where_python_would_not(tmp_path):
    """PYTHONDONTWRITEBYTECODE (set on this project's machines) made every build compile the
    plugin again; tools/build.py and the benchmarks cache it, and an edit is compiled again."""
    from tools.bytecode import cache_bytecode

    package = tmp_path / "plugin"
    package.mkdir()
    module = package / "module.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    assert cache_bytecode(package)
    cached = Path(importlib.util.cache_from_source(str(module)))
    assert cached.exists()
    module.write_text("VALUE = 22\n", encoding="utf-8")
    later = module.stat().st_mtime + 5  # an edit in a later second (the cache keeps seconds)
    os.utime(module, (later, later))
    assert cache_bytecode(package)
    code = marshal.loads(cached.read_bytes()[16:])
    assert 22 in code.co_consts
