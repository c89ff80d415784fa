"""Every setting of the plugin, with its default; a site overrides any of them by name."""

DEFAULTS = {
    # Data files, relative to Pelican's PATH (content/).
    "EXPLAINER_GLOSSARY": "data/glossary.yaml",
    # Which occurrences of a term are marked: "section" (first in each section), "article"
    # (first in the article) or "all".
    "EXPLAINER_TERM_DENSITY": "section",
    # Warn (fatal with `--fatal warnings`) about entries that match nothing in any article.
    "EXPLAINER_WARN_UNUSED_TERMS": True,
    # Where the glossary page is written, per language (Pelican's lang codes, lower-cased).
    "EXPLAINER_GLOSSARY_URL": {"zh-cn": "glossary/", "en": "en/glossary/"},
}

DENSITIES = ("section", "article", "all")


def merged(settings: dict) -> dict:
    """The plugin's settings: defaults, overridden by the site's."""
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    if values["EXPLAINER_TERM_DENSITY"] not in DENSITIES:
        raise ValueError(
            f"EXPLAINER_TERM_DENSITY must be one of {', '.join(DENSITIES)}, "
            f"not {values['EXPLAINER_TERM_DENSITY']!r}"
        )
    return values


def glossary_url(settings: dict, lang: str) -> str:
    urls = merged(settings)["EXPLAINER_GLOSSARY_URL"]
    return urls.get(lang) or urls[settings["DEFAULT_LANG"]]
