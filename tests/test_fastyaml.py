"""The fast reader (yaml-rs) is used only where PyYAML would read the same document, and what
the plugin reports of data read so (lines, errors) is what PyYAML's reading gives."""

import textwrap

import pytest
import yaml
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.explainer import fastyaml
from plugins.explainer.data import _loader, load_checked, load_yaml
from plugins.explainer.errors import DataError
from plugins.explainer.glossary import Glossary
from tests.support.site import ROOT

# Spellings that one YAML version or another reads as something other than a string.
SPELLINGS = [
    *"y Y n N yes Yes YES no No NO on On ON off Off OFF".split(),
    *"true True TRUE tRue false False FALSE null Null NULL nULL ~".split(),
    *"0 07 0755 0_7 0o17 0x1F 0x_1 0b101 0b1_0 1_000 1:20 190:20:30 1_0.5 +1 -1 1e3 1.5e+3".split(),
    *".5 1. .inf -.Inf .NaN = << ! & *".split(),
    "2024-09-19",
    "2024-09-19 10:00:00",
]


WORDS = st.sampled_from(
    [*SPELLINGS, "通义千问", "云栖大会", "Qwen", "a b", " lead", "trail ", "#", "x # y", ": ", "- ",
     "'", '"', "\\", "\t", "\n", "\n\n", "line\nbreak", "&", "*", "!", "%", "?", "|", ">", "@"]
)  # fmt: skip
TEXT = st.lists(WORDS | st.text(max_size=6), max_size=5).map("".join)


def pyyaml(text: str):
    return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader


def fast(text: str):
    return fastyaml.read("test.yaml", text.encode(), text)


def plain(node):
    """The document as plain dicts and lists, to compare the two readers' output."""
    if isinstance(node, dict):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    return node


def test_yaml_rs_reads_no_plain_scalar_as_a_boolean_or_null_that_pyyaml_reads_otherwise():
    """The reader takes yaml-rs's booleans and nulls as they are: pinned here, so that a new
    version of yaml-rs that read `y` or `on` as true would fail the tests, not the sites."""
    pinned = []
    for spelling in SPELLINGS:
        text = f"a: {spelling}\n"
        try:
            theirs = yaml_rs.loads(text, parse_datetime=False)["a"]
        except yaml_rs.YAMLDecodeError:
            assert fast(text) is None  # refused: the reader leaves it to PyYAML
            continue
        if theirs is None or isinstance(theirs, bool):
            assert pyyaml(text)["a"] is theirs, spelling
            pinned.append(spelling)
    assert {"true", "FALSE", "null", "~"} <= set(pinned)


def pyyaml_resolves(string: str) -> bool:
    """As PyYAML's resolver does: the patterns for the string's first character."""
    resolvers = _loader().yaml_implicit_resolvers
    return any(regexp.match(string) for _, regexp in resolvers.get(string[:1], []))


def test_the_copy_of_pyyamls_resolvers_starts_where_theirs_do():
    resolvers = _loader().yaml_implicit_resolvers
    assert {first for first in resolvers if first} == fastyaml.RESOLVABLE_FIRSTS
    assert None not in resolvers  # no resolver for every first character


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(SPELLINGS) | st.text(alphabet="+-._:0123456789abcdefxoinINFaAN<=!&*~ ") | TEXT
)
def test_the_copy_of_pyyamls_resolvers_matches_what_theirs_do(string):
    if string and "\n" not in string:
        ours = string[:1] in fastyaml.RESOLVABLE_FIRSTS and bool(fastyaml.RESOLVABLE.search(string))
        assert ours == pyyaml_resolves(string)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_scalar_the_two_might_read_differently_sends_the_file_to_pyyaml(spelling):
    for text in (f"a: {spelling}\n", f"a: '{spelling}'\n", f"{spelling}: a\n", f"- {spelling}\n"):
        document = fast(text)
        assert document is None or plain(document) == pyyaml(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: !foo bar\n",  # a tag PyYAML refuses and yaml-rs ignores
        "a: !!str 12\n",
        "b: &x {c: 1}\na:\n  <<: *x\n",  # a merge key, which PyYAML's loader here refuses
        "%YAML 1.1\n---\na: 1\n",
        "---\na: x\n---\nb: y\n",  # two documents: yaml-rs reads a list of both
        "- x\n- y\n",  # a list, which yaml-rs cannot tell from two documents
        "a: x\u2028y\n",  # a line break in YAML 1.1 only
        "a: \x07\n",  # a character PyYAML refuses
        "a: 1\na: 2\n",  # a duplicate key
        "a: [b\n",
    ],
)
def test_what_the_fast_reader_cannot_vouch_for_is_left_to_pyyaml(text):
    assert fast(text) is None


def test_data_read_fast_still_names_lines_in_errors(tmp_path):
    """The glossary check's error, on data the fast reader read, names the line PyYAML's
    reading gives, found by reading the file again only then."""
    path = tmp_path / "glossary.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            entries:
            - id: qwen
              term: 通义千问
              english: Qwen
              kind: product
              definition: {zh: 模型, en: Models}

            - id: qwen
              term: 千问
              english: Qianwen
              kind: product
              definition: {zh: 模型, en: Models}
            """
        ),
        encoding="utf-8",
    )
    document, _ = load_checked(path, "glossary")
    assert isinstance(document, fastyaml.DeferredLocated), "read by the fast reader"
    with pytest.raises(DataError) as error:
        Glossary.load(path)
    assert error.value.line == 8
    assert "first used on line 2" in str(error.value)
    assert document["entries"][1].key_lines == {
        "id": 8,
        "term": 9,
        "english": 10,
        "kind": 11,
        "definition": 12,
    }


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "content" / "data" / "glossary.yaml",
        ROOT / "content" / "data" / "timeline.yaml",
        *sorted((ROOT / "content" / "notes").glob("*.yaml")),
    ],
    ids=lambda path: path.name,
)
def test_the_sites_data_reads_alike_either_way(path):
    data = path.read_bytes()
    document = fastyaml.read(path, data, data.decode("utf-8"))
    if path.name != "timeline.yaml":  # its quoted years ("2009") go to PyYAML
        assert document is not None
    if document is not None:
        assert plain(document) == plain(load_yaml(path, data))


KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8
) | st.sampled_from(SPELLINGS)
DATA = st.recursive(
    TEXT | st.booleans() | st.none() | st.integers(-2000, 2000),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(
    document=st.dictionaries(KEYS, DATA, max_size=5),
    flow=st.sampled_from([False, None, True]),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    width=st.sampled_from([20, 80, 1000]),
    allow_unicode=st.booleans(),
    line_break=st.sampled_from(["\n", "\r\n"]),  # as saved on Windows too
)
def test_whatever_the_fast_reader_takes_pyyaml_reads_the_same(
    document, flow, style, width, allow_unicode, line_break
):
    text = yaml.dump(
        document,
        default_flow_style=flow,
        default_style=style,
        width=width,
        allow_unicode=allow_unicode,
        line_break=line_break,
        sort_keys=False,
    )
    try:
        expected = pyyaml(text)
    except yaml.YAMLError:
        expected = "refused"
    taken = fast(text)
    if taken is not None:
        assert plain(taken) == expected
