"""The test server: a sub-path like GitHub project pages, the site's 404, gzip like a real host."""

import gzip
import urllib.error
import urllib.request

import pytest

from tests.support.server import serve


def fetch(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not found</p>", encoding="utf-8")
    return tmp_path


def test_compressed_serving_gzips_text_as_github_pages_does(folder):
    with serve(folder, compress=True) as base:
        headers, body = fetch(base, "gzip")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (folder / "index.html").read_bytes()


def test_plain_serving_under_a_sub_path_answers_with_the_sites_404(folder):
    with serve(folder, prefix="/explainer/") as base:
        headers, body = fetch(base, "gzip")
        assert headers["Content-Encoding"] is None and body == (folder / "index.html").read_bytes()
        with pytest.raises(urllib.error.HTTPError) as outside:
            fetch(base.replace("/explainer/", "/"))
    assert outside.value.code == 404 and outside.value.read() == b"<p>not found</p>"
