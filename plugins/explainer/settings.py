"""Every setting of the plugin, with its default; a site overrides any of them by name."""

DEFAULTS = {
    # Data files, relative to Pelican's PATH (content/).
    "EXPLAINER_GLOSSARY": "data/glossary.yaml",
    # Which occurrences of a term are marked: "section" (first in each section), "article"
    # (first in the article) or "all".
    "EXPLAINER_TERM_DENSITY": "section",
    # Warn (fatal with `--fatal warnings`) about entries that match nothing in any article.
    "EXPLAINER_WARN_UNUSED_TERMS": True,
    # The timeline (relative to PATH); a site without this file has no timeline.
    "EXPLAINER_TIMELINE": "data/timeline.yaml",
    "EXPLAINER_TIMELINE_URL": {"zh-cn": "timeline/", "en": "en/timeline/"},
    # How many processes annotate articles: None for as many as the build may use, 1 for the
    # build's own process only (then nothing is forked: no background annotator while Pelican
    # reads, no workers, no process writing the glossary pages). Forked only where it repays.
    "EXPLAINER_WORKERS": None,
    # Minify the theme's CSS and JavaScript in the output (the sources stay readable).
    "EXPLAINER_MINIFY": True,
    # Annotations: one YAML file per article in this folder (relative to PATH).
    "EXPLAINER_NOTES_DIR": "notes",
    # Words the plugin writes into the content (the theme owns every other word).
    "EXPLAINER_LABELS": {
        "zh-cn": {
            "note": "注",
            "note_types": {"context": "背景", "fact-check": "事实核查", "translation": "译注"},
            "sources": "来源",
            "paragraph_link": "本段链接",
            "timeline": "时间线",
            "counterpart": "英文译文中的对应段落",
            "counterpart_short": "EN",
        },
        "en": {
            "note": "Note",
            "note_types": {
                "context": "Context",
                "fact-check": "Fact check",
                "translation": "Translation note",
            },
            "sources": "Sources",
            "paragraph_link": "Link to this paragraph",
            "timeline": "Timeline",
            "counterpart": "The same paragraph in the Chinese original",
            "counterpart_short": "中",
        },
    },
    # Where the glossary page is written, per language (Pelican's lang codes, lower-cased).
    "EXPLAINER_GLOSSARY_URL": {"zh-cn": "glossary/", "en": "en/glossary/"},
    # How many places each glossary entry lists under "where it appears" (the first ones in
    # article order; the count covers all): a site of 1000 articles listed 74,000 places on a
    # 15 MB page.
    "EXPLAINER_GLOSSARY_BACKLINKS": 10,
}

DENSITIES = ("section", "article", "all")


def merged(settings: dict) -> dict:
    """The plugin's settings: defaults, overridden by the site's."""
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    shown = values["EXPLAINER_GLOSSARY_BACKLINKS"]
    if not isinstance(shown, int) or isinstance(shown, bool) or shown < 1:
        raise ValueError(
            f"EXPLAINER_GLOSSARY_BACKLINKS must be a whole number from 1, not {shown!r}"
        )
    if values["EXPLAINER_TERM_DENSITY"] not in DENSITIES:
        raise ValueError(
            f"EXPLAINER_TERM_DENSITY must be one of {', '.join(DENSITIES)}, "
            f"not {values['EXPLAINER_TERM_DENSITY']!r}"
        )
    return values


def html_lang(lang: str) -> str:
    """Pelican lower-cases language codes; pages need BCP 47 ("zh-cn" -> "zh-CN")."""
    primary, _, region = lang.partition("-")
    return f"{primary}-{region.upper()}" if region else primary


def labels(settings: dict, lang: str) -> dict:
    table = merged(settings)["EXPLAINER_LABELS"]
    return table.get(lang) or table[settings["DEFAULT_LANG"]]


def page_url(settings: dict, page: str, lang: str) -> str:
    """Where a generated page ("GLOSSARY" or "TIMELINE") lives for a language."""
    urls = merged(settings)[f"EXPLAINER_{page}_URL"]
    return urls.get(lang) or urls[settings["DEFAULT_LANG"]]
