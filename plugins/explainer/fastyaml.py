"""Data files read by yaml-rs wherever PyYAML would read them alike, which is nearly always.

yaml-rs (Rust) reads a 2000-entry glossary in 7 ms where PyYAML's C loader takes 54, and a
site's data is read at every build, on the core that annotates. But it reads YAML 1.2, and
PyYAML, whose reading every error message and line number the plugin reports comes from, YAML
1.1: the two resolve some plain scalars differently (`yes`, `on`, `0755`, `1_000`, `1:20`,
`1e3`, `<<`), and yaml-rs ignores tags PyYAML refuses. So a document is taken from yaml-rs only
where nothing in it could read otherwise: no tag, anchor, directive or character PyYAML
refuses in the text; a mapping at the top (yaml-rs reads several documents as a list of
them); every key a string; every value a string, a mapping, a list, true, false or null
(which both spell alike: tests/test_fastyaml.py pins yaml-rs to it); and no string that PyYAML
would resolve to anything else, were it written plain. Otherwise, or where yaml-rs fails,
`read` returns None and PyYAML reads the file, reporting any error as always.

yaml-rs gives no positions. The document and each item of its top-level lists (the entries,
events, eras and notes, which the plugin names in its messages) are Located all the same:
their lines are found by reading the file again with PyYAML when first asked, for an error or
a warning, which a build of valid data never reports (see `data.line_at`).
"""

import re

from .data import Located, located_at

# Characters YAML 1.1 reads otherwise than 1.2 (line breaks there), or PyYAML refuses.
OTHERWISE_READ = ("\x85", "\u2028", "\u2029", "\ufeff")
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
TOKEN_START = " \t\n\r[]{},"  # where a tag (!) or an anchor (&) can begin


def _plain_text(text: str) -> bool:
    """No tag, anchor (and so no alias), directive or character that the two might read
    differently. Searched with str.find, a few times faster than a regex over the file."""
    if any(character in text for character in OTHERWISE_READ) or UNPRINTABLE.search(text):
        return False
    for indicator in "!&%":
        at = text.find(indicator)
        while at != -1:
            before = text[at - 1] if at else "\n"
            if before == "\n" or (indicator != "%" and before in TOKEN_START):
                return False
            at = text.find(indicator, at + 1)
    return True


class Unsure(Exception):
    """The document might read otherwise with PyYAML."""


# What PyYAML resolves to something other than a string, were it a plain scalar: its
# SafeLoader's implicit resolvers, less dates (see data._loader), by first character, and
# their patterns, each anchored to a line, none matching an empty one (empty strings are
# checked apart). A copy, which tests/test_fastyaml.py holds to PyYAML's own: importing PyYAML
# to read them took 8 ms of every build that reads no file with it.
RESOLVABLE_FIRSTS = frozenset("FNOTYfnoty~+-.0123456789<=!&*")
RESOLVABLE = re.compile(
    r"""(?=[^\n])(?:
      ^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$
    | ^(?:~|null|Null|NULL)$
    | ^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$
    | ^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$
    | ^(?:<<|=|!|&|\*)$
    )""",
    re.M | re.X,
)


def read(path, data: bytes, text: str):
    """The document yaml-rs reads in `text` (the file's `data`, decoded), where PyYAML would
    read the same; else None."""
    if not _plain_text(text):
        return None
    import yaml_rs

    try:
        document = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - PyYAML reads it again and reports the error
        return None
    if document.__class__ is not dict:  # yaml-rs reads several documents as a list of them
        return None
    strings: list[str] = []
    try:
        _collect(document, strings)
    except Unsure:
        return None
    maybe = [string for string in strings if string[:1] in RESOLVABLE_FIRSTS]
    if "" in strings or RESOLVABLE.search("\n".join(maybe)):
        return None
    return _located(document, (str(path), data))


def _collect(node, strings: list[str]) -> None:
    """Every string of `node`, keys included; Unsure at anything but strings, mappings,
    lists, booleans and nulls."""
    kind = node.__class__
    if kind is dict:
        for key, value in node.items():
            if key.__class__ is not str:
                raise Unsure
            strings.append(key)
            if value.__class__ is str:
                strings.append(value)
            elif value is not None and value.__class__ is not bool:
                _collect(value, strings)
    elif kind is list:
        for value in node:
            if value.__class__ is str:
                strings.append(value)
            elif value is not None and value.__class__ is not bool:
                _collect(value, strings)
    elif kind is str:
        strings.append(node)
    elif node is not None and kind is not bool:
        raise Unsure


class DeferredLocated(Located):
    """A mapping whose lines are found when asked (see `data.line_at`)."""

    def __init__(self, mapping: dict, source: tuple, steps: tuple):
        super().__init__(mapping)
        self._where = (source, steps)

    @property
    def where(self):
        return self._where

    @property
    def line(self) -> int | None:
        return located_at(self._where).line

    @property
    def key_lines(self) -> dict:
        return located_at(self._where).key_lines


def _located(document: dict, source: tuple) -> DeferredLocated:
    """The document, and the mappings in its top-level lists, as DeferredLocated."""
    for key, value in document.items():
        if value.__class__ is list:
            document[key] = [
                DeferredLocated(item, source, (key, index)) if item.__class__ is dict else item
                for index, item in enumerate(value)
            ]
    return DeferredLocated(document, source, ())
