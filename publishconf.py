"""Deployment settings: the local settings plus an absolute SITEURL and feeds.

`pelican.conf.py` has a dotted name that `import` cannot load, so it is read through runpy.
"""

import os
import runpy
from pathlib import Path

_local = runpy.run_path(str(Path(__file__).resolve().parent / "pelican.conf.py"))
globals().update({key: value for key, value in _local.items() if key.isupper()})

# The address the site is served at, e.g. https://USER.github.io/REPOSITORY or a custom domain.
# The GitHub Actions workflow takes it from the Pages configuration.
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("http://", "https://")):
    raise SystemExit(
        "publishconf.py: set SITEURL to the site's absolute address, e.g.\n"
        "  SITEURL=https://USER.github.io/REPOSITORY make publish"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
# A custom domain for GitHub Pages (written to output/CNAME); empty for USER.github.io/REPO.
GITHUB_PAGES_CNAME = os.environ.get("CNAME", "")
