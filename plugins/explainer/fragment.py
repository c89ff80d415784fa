"""An article's HTML as a light tree that keeps Pelican's own markup byte for byte.

Why not BeautifulSoup on the hot path: it re-serialises every node of every page (sorted
attributes, named entities), which cost more than all the annotating put together. Here parsing
is one regex pass, and writing copies each original tag and text as it came: only what the layers
add or change is written anew. The tokenizer expects the well-formed HTML Markdown writes;
anything else is passed once through BeautifulSoup, which closes what is left open.

Text is seen as BeautifulSoup's html.parser sees it (entities decoded, whitespace-only strings
collapsed to one character), so offsets into the text layer are the ones the layers always had.
"""

import re
from html import unescape

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
RAW_TEXT = frozenset({"script", "style"})
KEEPS_SPACE = frozenset({"pre", "textarea"})
ASCII_SPACES = " \t\n\r\f"

TOKEN = re.compile(
    r"<(?:(/?)([a-zA-Z][^\t\n\r\f />]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|!--.*?-->|![^>]*>|\?[^>]*>)",
    re.S,
)
ATTRIBUTES = re.compile(
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?", re.S
)
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")


class NotSimple(ValueError):
    """HTML the tokenizer does not take as it is (unclosed or stray tags, odd attributes)."""


def escape_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


class _Placed:
    """What Text and Element share: moving themselves among their parent's children."""

    __slots__ = ()

    def find_parent(self, name: str):
        return _find_parent(self, name)

    def replace_with(self, *nodes) -> None:
        _splice(self, _adopt(nodes, self.parent))

    def replace_with_made(self, nodes: list) -> None:
        """replace_with for nodes just made, none of them a string or placed yet: the text
        layer's cuts, a hundred a page, which need no check of each."""
        parent = self.parent
        for node in nodes:
            node.parent = parent
        _splice(self, nodes)

    def insert_after(self, *nodes) -> None:
        _insert_after(self, nodes)


class Text(_Placed):
    """A text node: `text` as a parser decodes it; `raw` the source markup, None when new."""

    __slots__ = ("text", "raw", "parent")

    def __init__(self, text: str, raw: str | None = None):
        self.text, self.raw, self.parent = text, raw, None


class Raw:
    """Markup that is no prose: comments, declarations, script and style bodies, added HTML."""

    __slots__ = ("raw", "parent")

    def __init__(self, raw: str):
        self.raw, self.parent = raw, None


class Element(_Placed):
    """An element: its start and end tags as written, and its children.

    Attributes are parsed only when asked for; setting one rewrites the start tag.
    """

    __slots__ = ("name", "start", "end", "children", "parent", "_attributes", "_source")

    def __init__(self, name, start: str, end: str, source: str = "", attributes=None):
        self.name, self.start, self.end = name, start, end
        self.children: list = []
        self.parent = None
        self._source = source  # the attribute part of the start tag, parsed on demand
        self._attributes = attributes if attributes is not None else (None if source else {})

    @property
    def attrs(self) -> dict:
        if self._attributes is None:
            self._attributes = {
                match.group(1).lower(): unescape(
                    next((v for v in match.group(2, 3, 4) if v is not None), "")
                )
                for match in ATTRIBUTE.finditer(self._source)
            }
        return self._attributes

    def has_attr(self, name: str) -> bool:
        return name in self.attrs

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    def __setitem__(self, name: str, value: str) -> None:
        """Set an attribute; a new one goes right after the tag name, the rest stays as it was."""
        attributes = self.attrs
        if name in attributes:
            attributes[name] = value
            self.start = start_tag(self.name, attributes)
        else:
            attributes[name] = value
            cut = len(self.name) + 1
            self.start = f"{self.start[:cut]} {_attribute(name, value)}{self.start[cut:]}"

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def append(self, node) -> None:
        if isinstance(node, str):
            node = Text(node)
        node.parent = self
        self.children.append(node)

    def extend(self, nodes) -> None:
        for node in nodes:
            self.append(node)

    def extract(self) -> None:
        self.parent.children.remove(self)
        self.parent = None

    def iter(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if child.__class__ is Element:
                yield child
                yield from child.iter()

    def strings(self):
        """Every text node below this one, in document order (comments and scripts are not)."""
        for child in self.children:
            if child.__class__ is Text:
                yield child.text
            elif child.__class__ is Element:
                yield from child.strings()

    def get_text(self) -> str:
        return "".join(self.strings())

    def inner_html(self, *, release: bool = False) -> str:
        """The children's markup. `release` breaks the tree's parent/child cycles as it is
        written, for the last look at a page's tree, so reference counting frees it at once:
        left to the cyclic garbage collector, a thousand pages' trees cost about a second of
        full collections. One walk for both: a second was 3 % of annotating."""
        parts: list[str] = []
        _write(self.children, parts.append, release)
        if release:
            self.children = []
        return "".join(parts)

    def html(self) -> str:
        return self.start + self.inner_html() + self.end


def _attribute(name: str, value: str) -> str:
    if value == "":
        return name
    if "&" in value or '"' in value:
        value = escape_attribute(value)
    return f'{name}="{value}"'


def start_tag(name: str, attributes: dict) -> str:
    if not attributes:
        return f"<{name}>"
    return f"<{name} {' '.join([_attribute(k, v) for k, v in attributes.items()])}>"


def tag(name: str, attributes: dict | None = None, *children) -> Element:
    """A new element; string children become escaped text. Empty values are written bare.

    The element keeps `attributes` (not a copy): callers pass a fresh dict.
    """
    attributes = {} if attributes is None else attributes
    element = Element(
        name, start_tag(name, attributes), "" if name in VOID else f"</{name}>", "", attributes
    )
    for child in children:
        element.append(child)
    return element


def markup(html: str) -> Raw:
    """Trusted, already clean HTML (e.g. a rendered note) to put in the page as it is."""
    return Raw(html)


def _find_parent(node, name: str):
    parent = node.parent
    while parent is not None and parent.name != name:
        parent = parent.parent
    return parent


def _adopt(nodes, parent) -> list:
    adopted = []
    for node in nodes:
        if isinstance(node, str):
            node = Text(node)
        node.parent = parent
        adopted.append(node)
    return adopted


def _splice(node, nodes: list) -> None:
    """Put `nodes`, adopted by the node's parent already, where the node is."""
    siblings = node.parent.children
    index = siblings.index(node)  # nodes compare by identity
    siblings[index : index + 1] = nodes
    node.parent = None


def _insert_after(node, nodes) -> None:
    parent = node.parent
    index = parent.children.index(node) + 1
    parent.children[index:index] = _adopt(nodes, parent)


def _write(children, out, release: bool) -> None:
    for child in children:
        kind = child.__class__
        if release:
            child.parent = None
        if kind is Text:
            out(child.raw if child.raw is not None else escape_text(child.text))
        elif kind is Element:
            out(child.start)
            _write(child.children, out, release)
            if release:
                child.children = []
            out(child.end)
        else:
            out(child.raw)


def _text(raw: str, keeps_space: bool) -> Text:
    text = unescape(raw) if "&" in raw else raw
    if not keeps_space and not text.strip(ASCII_SPACES):
        text = "\n" if "\n" in text else " "  # as html.parser's BeautifulSoup does
    return Text(text, raw)


def _parse(html: str) -> Element:
    root = Element(None, "", "")
    node, pos, keeps_space = root, 0, 0
    search = TOKEN.search
    while (match := search(html, pos)) is not None:
        if match.start() > pos:
            text = _text(html[pos : match.start()], keeps_space > 0)
            text.parent = node
            node.children.append(text)
        pos = match.end()
        closing, name, source = match.groups()
        if name is None:
            raw = Raw(match.group())
            raw.parent = node
            node.children.append(raw)
            continue
        name = name.lower()
        if closing:
            if name != node.name or source.strip():
                raise NotSimple(f"unexpected </{name}>")
            node.end = match.group()
            keeps_space -= name in KEEPS_SPACE
            node = node.parent
            continue
        if source and ATTRIBUTES.fullmatch(source) is None:
            raise NotSimple(f"attributes of <{name}>")
        element = Element(name, match.group(), "", source)
        element.parent = node
        node.children.append(element)
        if name in VOID:
            continue
        if source.endswith("/"):
            raise NotSimple(f"self-closing <{name}/>")
        if name in RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            if close is None:
                raise NotSimple(f"unclosed <{name}>")
            if close.start() > pos:
                body = Raw(html[pos : close.start()])
                body.parent = element
                element.children.append(body)
            element.end, pos = close.group(), close.end()
            continue
        keeps_space += name in KEEPS_SPACE
        node = element
    if pos < len(html):
        text = _text(html[pos:], keeps_space > 0)
        text.parent = node
        node.children.append(text)
    if node is not root:
        raise NotSimple(f"unclosed <{node.name}>")
    return root


def parse(html: str) -> Element:
    """The fragment's root (an element without a name or tags of its own)."""
    try:
        return _parse(html)
    except NotSimple:
        from bs4 import BeautifulSoup  # only for HTML that is not simply well formed

        return _parse(BeautifulSoup(html, "html.parser").decode(formatter="html5"))
