"""Deployment settings: the local settings plus an absolute SITEURL and feeds.

`pelican.conf.py` has a dotted name that `import` cannot load, so it is read through runpy.
"""

import os
import runpy
from pathlib import Path

_local = runpy.run_path(str(Path(__file__).resolve().parent / "pelican.conf.py"))
globals().update({key: value for key, value in _local.items() if key.isupper()})

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
