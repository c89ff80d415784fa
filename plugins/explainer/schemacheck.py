"""A fast yes for valid data, compiled from the subset of JSON Schema that our schemas use.

jsonschema took about half a second to walk a 2000-entry glossary and 1000 notes files, most of
it generic dispatch and `$ref` lookups. Valid data is by far the common case, so a checker
compiled once from the same schemas answers it in milliseconds. It only ever says "valid" or
"ask jsonschema": on any failure, and for any keyword it does not know, the caller runs
jsonschema, which finds and locates the error exactly as before.
"""

import re
from collections.abc import Callable

Check = Callable[[object], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default"})
TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: value is True or value is False,
}


def _every(checks: list[Check]) -> Check:
    """All of `checks`, in a loop: all() over a generator made one at every node."""

    def every(value) -> bool:
        for check in checks:  # noqa: SIM110 - see above
            if not check(value):
                return False
        return True

    return every


class Unsupported(ValueError):
    """The schema uses something this checker does not implement: use jsonschema alone."""


def compile_checker(name: str, documents: dict[str, dict]) -> Check:
    """A check for `documents[name]`; `$ref`s resolve among `documents` (keyed by file name)."""
    return _Compiler(documents).compile(documents[name], name)


class _Compiler:
    def __init__(self, documents: dict[str, dict]):
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}

    def compile(self, schema, base: str) -> Check:
        if schema is True:
            return lambda value: True
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks = [self._keyword(key, value, schema, base) for key, value in schema.items()]
        checks = [check for check in checks if check is not None]
        if len(checks) == 1:
            return checks[0]
        return _every(checks)

    def _reference(self, ref: str, base: str) -> Check:
        name, _, pointer = ref.partition("#")
        name = name or base
        key = (name, pointer)
        if key not in self.compiled:
            cell: list[Check] = []
            # Late-bound while compiling, for a ref to itself; then the check itself, a call
            # less at each use (the compiled one, for what compiled meanwhile).
            self.compiled[key] = lambda value: cell[0](value)
            target = self.documents.get(name)
            if target is None or not pointer.startswith("/"):
                raise Unsupported(f"$ref {ref}")
            for step in pointer[1:].split("/"):
                target = target[step.replace("~1", "/").replace("~0", "~")]
            cell.append(self.compile(target, name))
            self.compiled[key] = cell[0]
        return self.compiled[key]

    def _keyword(self, key: str, value, schema: dict, base: str) -> Check | None:
        if key in ANNOTATIONS:
            return None
        if key == "$ref":
            return self._reference(value, base)
        if key == "type":
            if value not in TYPES:
                raise Unsupported(f"type {value!r}")
            return TYPES[value]
        if key == "enum":
            if not all(isinstance(option, str) for option in value):
                raise Unsupported("enum of non-strings")
            options = frozenset(value)
            return lambda instance: isinstance(instance, str) and instance in options
        if key == "properties":
            checks = {name: self.compile(sub, base) for name, sub in value.items()}

            def properties(instance) -> bool:
                if not isinstance(instance, dict):
                    return True
                for name, item in instance.items():
                    check = checks.get(name)
                    if check is not None and not check(item):
                        return False
                return True

            return properties
        if key == "additionalProperties":
            if value is True:
                return None
            if value is not False:
                raise Unsupported("additionalProperties other than false")
            known = frozenset(schema.get("properties", {}))
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            return lambda instance: not isinstance(instance, dict) or known.issuperset(instance)
        if key == "required":
            needed = frozenset(value)
            return lambda instance: not isinstance(instance, dict) or needed <= instance.keys()
        if key == "items":
            check = self.compile(value, base)
            return lambda instance: not isinstance(instance, list) or all(map(check, instance))
        if key in ("minItems", "maxItems", "minLength", "maxLength"):
            kind = list if key.endswith("Items") else str
            if key.startswith("min"):
                return lambda instance: not isinstance(instance, kind) or len(instance) >= value
            return lambda instance: not isinstance(instance, kind) or len(instance) <= value
        if key == "pattern":
            search = re.compile(value).search
            return lambda instance: not isinstance(instance, str) or search(instance) is not None
        if key == "uniqueItems":
            if not value:
                return None
            return lambda instance: (
                not isinstance(instance, list)
                or (
                    all(isinstance(item, str) for item in instance)
                    and len(set(instance)) == len(instance)
                )
            )
        raise Unsupported(f"keyword {key}")
