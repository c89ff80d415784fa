"""The fast schema check says "valid" exactly when jsonschema does, on real and broken data."""

import copy
import json

import pytest
import yaml
from explainer.schemacheck import Unsupported, compile_checker
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tests.support.site import ROOT

SCHEMAS = {
    path.name: json.loads(path.read_text("utf-8"))
    for path in (ROOT / "plugins" / "explainer" / "schemas").glob("*.schema.json")
}
REGISTRY = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
)
DATA = {
    "glossary": ROOT / "content" / "data" / "glossary.yaml",
    "timeline": ROOT / "content" / "data" / "timeline.yaml",
    "notes": ROOT / "content" / "notes" / "alibaba-cloud-open-source.yaml",
}
DOCUMENTS = {name: yaml.safe_load(path.read_text("utf-8")) for name, path in DATA.items()}
BROKEN_VALUES = ["", " ", 1, 2.5, True, None, [], {}, ["x"], {"zh": "a"}, "Not An Id!", "2024-13"]


def both(name: str, document) -> tuple[bool, bool]:
    schema = f"{name}.schema.json"
    fast = compile_checker(schema, SCHEMAS)(document)
    return fast, Draft202012Validator(SCHEMAS[schema], registry=REGISTRY).is_valid(document)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict | list):
        for key, child in node.items() if isinstance(node, dict) else enumerate(node):
            yield from paths(child, (*prefix, key))


@pytest.mark.parametrize("name", DATA)
def test_the_real_data_passes_the_fast_check(name):
    assert both(name, DOCUMENTS[name]) == (True, True)


def test_unknown_keywords_are_left_to_jsonschema():
    with pytest.raises(Unsupported):
        compile_checker("s", {"s": {"type": "integer"}})
    with pytest.raises(Unsupported):
        compile_checker("s", {"s": {"properties": {"a": {"oneOf": []}}}})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(DATA)), st.data())
def test_property_a_broken_document_is_refused_as_jsonschema_refuses_it(name, data):
    document = copy.deepcopy(DOCUMENTS[name])
    path = data.draw(st.sampled_from(list(paths(document))[1:]))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    action = data.draw(st.sampled_from(["delete", "replace", "add key"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = data.draw(st.sampled_from(BROKEN_VALUES))
    elif isinstance(parent, dict):
        parent["unknown_field"] = "x"
    fast, full = both(name, document)
    assert fast == full
