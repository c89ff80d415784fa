"""Minify the theme's stylesheet and script in the output, once everything is written.

The sources in theme/static stay readable; readers download about a quarter fewer bytes,
which keeps the article inside its weight budget (see tests/gates/test_gate_weight.py).
"""

from pathlib import Path

import rcssmin
import rjsmin

from .settings import merged

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_theme_assets(pelican) -> None:
    settings = pelican.settings
    if not merged(settings)["EXPLAINER_MINIFY"]:
        return
    static = Path(settings["OUTPUT_PATH"]) / settings["THEME_STATIC_DIR"]
    for path in sorted(static.rglob("*")):
        minify = MINIFIERS.get(path.suffix)
        if minify and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
