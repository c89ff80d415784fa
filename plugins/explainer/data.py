"""YAML loading that remembers line numbers, and JSON Schema validation with located errors.

A data file is read by the fast reader (fastyaml) where it vouches for reading it as PyYAML
would, by PyYAML otherwise; errors are always reported from PyYAML's reading, lines included.
"""

import json
from functools import cache, lru_cache
from pathlib import Path

from .annotation_cache import bytes_digest
from .errors import DataError
from .schemacheck import Unsupported, compile_checker

SCHEMAS = Path(__file__).resolve().parent / "schemas"


class Located(dict):
    """A YAML mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict

    @property
    def where(self):
        """What `line_at` finds the mapping's line from, to be kept instead of the line: the
        line itself here; for a file read by the fast reader, the way to find it (see
        fastyaml.DeferredLocated)."""
        return self.line


def line_at(where) -> int | None:
    """The line a mapping's `where` stands for."""
    return located_at(where).line if isinstance(where, tuple) else where


def located_at(where: tuple) -> "Located":
    """The mapping a fast reader's `where` stands for, as PyYAML reads it, lines and all: the
    file read again (once, however many lines are asked for)."""
    (path, data), steps = where
    node = _reread(path, data)
    for step in steps:
        node = node[step]
    return node


@lru_cache(maxsize=16)
def _reread(path: str, data: bytes) -> "Located":
    return load_yaml(Path(path), data)


class HasLine:
    """What is loaded from a data file's mapping and named in messages (an entry, event, era,
    note, notes file): it keeps `where` its line is, and tells the line when asked."""

    where: int | tuple

    @property
    def line(self) -> int | None:
        return line_at(self.where)


class LocatedList(list):
    line: int = 0


_STR = "tag:yaml.org,2002:str"


@cache
def _loader():
    """The safe loader: no timestamps (dates stay the strings the author wrote), no duplicate
    keys, lines remembered. Made at the first file read: PyYAML takes 8 ms to import, before
    Pelican starts, and a build whose background process hands it the data reads no YAML."""
    import yaml

    # libyaml's parser where PyYAML was built with it (about ten times faster on a large
    # glossary).
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct(loader, node):
        """A node's value; plain strings (most of any data file) straight from the node, which
        is what the constructor would return, without its bookkeeping."""
        if node.tag == _STR and node.__class__ is yaml.ScalarNode:
            return node.value
        return loader.construct_object(node, deep=True)

    def construct_mapping(loader, node) -> Located:
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = construct(loader, key_node)
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            mapping[key] = construct(loader, value_node)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(loader, node) -> LocatedList:
        sequence = LocatedList(construct(loader, child) for child in node.value)
        sequence.line = node.start_mark.line + 1
        return sequence

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def read_data(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataError(path, f"cannot read: {error.strerror}") from error


def load_yaml(path: Path, data: bytes | None = None):
    """Parse a YAML file (`data`, its bytes, if already read); syntax errors become DataError
    with the file and line."""
    if data is None:
        data = read_data(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            path,
            f"not UTF-8: byte 0x{data[error.start]:02x} cannot start or continue a character "
            "(save the file as UTF-8)",
            line=data.count(b"\n", 0, error.start) + 1,
        ) from error
    loader = _loader()
    import yaml  # for its errors (imported by _loader already)

    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DataError(
            path,
            f"invalid YAML: {error.problem or error.context}",
            line=mark.line + 1 if mark else None,
        ) from error
    except yaml.YAMLError as error:
        raise DataError(path, f"invalid YAML: {error}") from error


@cache
def _schemas() -> dict[str, dict]:
    """Every shipped schema, by file name (their relative `$ref`s name each other so)."""
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMAS.glob("*.schema.json")
    }


def line_of(document, path) -> tuple[int | None, str | None]:
    """The line of the deepest located node on a JSON path, and the nearest entry id."""
    node, line, entry = document, getattr(document, "line", None), None
    for step in path:
        if isinstance(node, dict):
            line = node.key_lines.get(step, line) if isinstance(node, Located) else line
            entry = node.get("id", entry) if isinstance(node.get("id"), str) else entry
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        entry = node["id"]
    return line, entry


@cache
def _validator(schema_name: str):
    """jsonschema's validator, imported only when data fails the fast check (it is slow to load
    as well as to run)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    documents = _schemas()
    registry = Registry().with_resources(
        (document["$id"], Resource.from_contents(document)) for document in documents.values()
    )
    return Draft202012Validator(documents[f"{schema_name}.schema.json"], registry=registry)


@cache
def _checker(schema_name: str):
    """The fast check of valid data, or None where the schema needs jsonschema itself."""
    try:
        return compile_checker(f"{schema_name}.schema.json", _schemas())
    except Unsupported:
        return None


def load_checked(path: Path, schema_name: str) -> tuple:
    """A data file parsed and checked against its schema, with the digest of its bytes, which
    every annotation made from it is keyed by: the file is read once for both."""
    data = read_data(path)
    document = _read_fast(path, data, schema_name)
    if document is None:
        document = load_yaml(path, data)
        validate(document, schema_name, path)
    return document, bytes_digest(data)


def _read_fast(path: Path, data: bytes, schema_name: str):
    """The document as the fast reader reads it, if it vouches for it and it passes the
    check; else None: PyYAML reads the file and reports what is wrong, with its line."""
    from . import fastyaml

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    document = fastyaml.read(path, data, text)
    if document is None:
        return None
    checker = _checker(schema_name)
    return document if checker is not None and checker(document) else None


def validate(document, schema_name: str, path: Path) -> None:
    """Raise DataError for the first schema violation, located at its line and entry."""
    checker = _checker(schema_name)
    if checker is not None and checker(document):
        return
    validator = _validator(schema_name)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    line, entry = line_of(document, list(error.absolute_path))
    field = "/".join(str(step) for step in error.absolute_path) or "(top level)"
    raise DataError(path, f"{field}: {_describe(error)}", line=line, entry=entry)


def _describe(error) -> str:
    if error.validator == "additionalProperties":
        return f"unknown field: {error.message.split('(')[-1].rstrip(')')}"
    if error.validator == "required":
        return f"missing field: {error.message.split(' is a required')[0]}"
    if error.validator == "pattern" and error.validator_value == r"\S":
        return "must not be empty or blank"
    return error.message
