"""Deployment: the publish build (absolute SITEURL), feeds, sitemap, meta, workflow, make github."""

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.support.gates_links import check_links
from tests.support.server import serve
from tests.support.site import ROOT, build_site

SITEURL = "https://example.github.io/explainer"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("publish") / "output"
    result = build_site(
        output,
        settings="publishconf.py",
        env={**os.environ, "SITEURL": SITEURL, "CNAME": "explainer.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def soup(root: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((root / relative).read_text("utf-8"), "html.parser")


def test_publish_refuses_a_missing_or_relative_siteurl(tmp_path):
    result = build_site(
        tmp_path / "out", settings="publishconf.py", env={**os.environ, "SITEURL": "/explainer"}
    )
    assert result.returncode != 0
    assert "SITEURL" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_feed_parses_and_holds_absolute_urls(published):
    feed = ET.parse(published / "feeds" / "all.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(SITEURL + "/")
    content = entries[0].find(f"{ATOM}content").text or entries[0].find(f"{ATOM}summary").text
    assert 'href="../' not in content, "relative links would break in feed readers"


def test_sitemap_parses_and_lists_every_page_with_absolute_urls(published):
    root = ET.parse(published / "sitemap.xml").getroot()
    locations = {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}
    for page in [
        "",
        "en/",
        "alibaba-cloud-open-source/",
        "en/alibaba-cloud-open-source/",
        "glossary/",
        "en/glossary/",
        "timeline/",
        "en/timeline/",
    ]:
        assert f"{SITEURL}/{page}" in locations
    assert all(location.startswith(SITEURL + "/") for location in locations)


def test_robots_txt_names_the_sitemap_and_cname_is_written(published):
    assert f"Sitemap: {SITEURL}/sitemap.xml" in (published / "robots.txt").read_text()
    assert (published / "CNAME").read_text().strip() == "explainer.example.org"


def test_pages_carry_canonical_opengraph_and_twitter_meta(published):
    page = soup(published, "alibaba-cloud-open-source/index.html")
    assert page.select_one("link[rel=canonical]")["href"] == f"{SITEURL}/alibaba-cloud-open-source/"
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta")
        if tag.get("property") or tag.get("name")
    }
    assert meta["og:type"] == "article" and meta["og:url"].startswith(SITEURL)
    assert meta["og:title"].startswith("从云端往低处去的阿里云")
    assert meta["twitter:card"] == "summary"
    assert page.select_one("link[rel=alternate][type='application/atom+xml']")["href"].startswith(
        SITEURL
    )
    for hreflang in page.select("link[rel=alternate][hreflang]"):
        assert hreflang["href"].startswith(SITEURL + "/")


def test_json_ld_describes_an_explainer_of_the_credited_original(published):
    page = soup(published, "alibaba-cloud-open-source/index.html")
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "WebPage" and data["url"] == f"{SITEURL}/alibaba-cloud-open-source/"
    original = data["about"]
    assert original["@type"] == "NewsArticle"
    assert original["url"] == "https://app.lanjinger.com/d/240842"
    assert original["datePublished"] == "2024-09"
    assert "蓝鲸" in original["creditText"]
    assert data["publisher"]["name"] != original.get("publisher", {}).get("name")
    assert "原文并非本站所作" in data["description"]


def test_404_page_works_at_any_depth(published):
    page = soup(published, "404.html")
    for tag in page.select("link[href], script[src], a[href]"):
        url = tag.get("href") or tag.get("src")
        assert url.startswith(SITEURL) or url.startswith("#"), url


def test_every_link_resolves_when_served_under_the_sub_path(tmp_path):
    """Built for http://127.0.0.1:PORT/explainer and served there, as on GitHub Pages."""
    site = tmp_path / "site"
    with serve(site, prefix="/explainer/") as base_url:
        result = build_site(
            site, settings="publishconf.py", env={**os.environ, "SITEURL": base_url.rstrip("/")}
        )
        assert result.returncode == 0, result.stderr
        pages = [
            p.relative_to(site).as_posix().removesuffix("index.html")
            for p in sorted(site.rglob("*.html"))
        ]
        report = check_links(base_url, pages)
    assert report.checked > 500
    assert not report.problems, "\n".join(report.problems)


def test_workflow_tests_builds_and_deploys_with_the_official_pages_actions():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    uses = [step.get("uses", "") for step in steps]
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
    ]:
        assert any(u.startswith(action) for u in uses), action
    assert all("@v" in u and u.count(".") >= 2 for u in uses if u), "actions pinned to versions"
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make test") < runs.index("make publish")
    publish = next(step for step in steps if step.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@v")
    assert deploy["environment"]["name"] == "github-pages"


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def test_make_github_pushes_a_gh_pages_branch_with_nojekyll(tmp_path):
    """`make github` against a local bare repository: no network involved."""
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "output*", ".git", "reports", ".pytest_cache", "__pycache__"
        ),
    )
    git("init", "-q", "-b", "main", cwd=work)
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A", cwd=work)
    git(
        "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "site", cwd=work
    )
    git("remote", "add", "pages", str(remote), cwd=work)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    result = subprocess.run(
        [
            "make",
            "github",
            f"VENV={ROOT / '.venv'}",
            f"SITEURL={SITEURL}",
            "GITHUB_PAGES_REMOTE=pages",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).stdout.split()
    assert ".nojekyll" in files and "index.html" in files and "sitemap.xml" in files
    assert "alibaba-cloud-open-source/index.html" in files
