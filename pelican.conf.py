"""Site settings for local builds (`make html`). `publishconf.py` layers deployment on top."""

from pathlib import Path

HERE = Path(__file__).resolve().parent

AUTHOR = "Yunqi Explainer"
SITENAME = "云栖注解 Yunqi Explainer"
SITESUBTITLE = "把一篇关于阿里云与开源大模型的深度报道，讲给不熟悉其中人物、公司和术语的读者"
SITEURL = ""
RELATIVE_URLS = True  # the same output works at `/` and under any sub-path

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
IGNORE_FILES = [".#*", "*.yaml", "*.json"]

TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

THEME = str(HERE / "theme")
THEME_STATIC_DIR = "static"
THEME_STATIC_PATHS = ["static"]
# Autoescape: text from data files is always escaped; trusted HTML is marked `|safe` in the theme.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.do"],
}

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["explainer"]

# Clean, sub-path-safe URLs: every page is a folder with an index.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
INDEX_SAVE_AS = "index.html"

# Only the pages this site needs: no author, category, tag or archive listings.
DIRECT_TEMPLATES = ["index", "404"]
TEMPLATE_PAGES: dict[str, str] = {}
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DEFAULT_PAGINATION = False
SUMMARY_MAX_LENGTH = 60

# Feeds are switched on for deployment only (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}},
    "output_format": "html5",
}

# Byte-identical output for identical input (see tests/gates/test_gate_reproducible.py).
OUTPUT_RETENTION: list[str] = []
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
