"""Yunqi Explainer's Pelican plugin: glossary, timeline and annotation layers.

`register()` only wires signals; each concern lives in its own module.
"""

from pelican import signals
from pelican.generators import ArticlesGenerator

from .article_writing import compile_templates
from .gcpause import freeze_survivors, paused_collection, thaw
from .generator import ExplainerGenerator
from .links import skip_link_search_where_there_is_no_link
from .minify import minify_theme_assets


def add_generator(pelican):
    return ExplainerGenerator


@paused_collection
def annotate_all(generators):
    """At all_generators_finalized every article is known and nothing is written yet."""
    explainer = next(g for g in generators if isinstance(g, ExplainerGenerator))
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is not None:
        compile_templates(articles)
    explainer.render_with(articles)
    explainer.annotate(
        [
            document
            for generator in generators
            for document in [
                *getattr(generator, "articles", []),
                *getattr(generator, "translations", []),
            ]
        ]
    )
    explainer.check_anchors()
    explainer.cache.save()
    explainer.warn_about_unused_entries()
    freeze_survivors(explainer)  # before the page writer is forked: see Background.__init__
    explainer.write_pages_in_background(generators)


def register():
    skip_link_search_where_there_is_no_link()
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(annotate_all)
    signals.finalized.connect(minify_theme_assets)
    signals.get_generators.connect(thaw)  # sent as every build starts, `pelican -r`'s too
