"""Serve a built site over HTTP on 127.0.0.1, at `/` or under a sub-path like GitHub Pages."""

import gzip
import mimetypes
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        """Answer a 404 with the site's own 404 page, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _GzipHandler(_QuietHandler):
    """Compress text responses as GitHub Pages does, for audits that measure the transfer."""

    TEXT = ("text/", "application/javascript", "image/svg+xml", "application/xml")

    def do_GET(self):  # noqa: N802 - name from the base class
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or ""
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or not kind.startswith(self.TEXT)
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header(
            "Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind
        )
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, prefix: str = "/", *, compress: bool = False):
    """Yield the base URL (ending in `/`) of `directory` served under `prefix`.

    `compress=True` gzips text responses as a real host does (for Lighthouse).
    """
    base = _GzipHandler if compress else _QuietHandler
    handler = type("Handler", (base,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
