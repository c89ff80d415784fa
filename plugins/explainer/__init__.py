"""Yunqi Explainer's Pelican plugin: glossary, timeline and annotation layers.

`register()` only wires signals; each concern lives in its own module.
"""


def register():
    """Wire the plugin's handlers to Pelican's signals (layers are added one module at a time)."""
