"""The light HTML tree: Pelican's markup kept byte for byte, text seen as BeautifulSoup sees it."""

import gc

from bs4 import BeautifulSoup
from explainer.fragment import Text, parse, tag
from hypothesis import given, settings
from hypothesis import strategies as st


def test_unchanged_html_is_written_back_byte_for_byte():
    html = (
        '<h2 id="x">标题</h2>\n<p class=\'lead\' title="a &amp; b">AT&amp;T &ldquo;云&rdquo;'
        "<br/><!-- 注释 --><code>&lt;a&gt;</code></p>\n<script>if (a<b) {}</script>"
    )
    assert parse(html).inner_html() == html


def test_text_is_decoded_and_whitespace_only_strings_collapse_as_in_beautifulsoup():
    html = "<p>AT&amp;T&nbsp;<em>a</em>  \n <em>b</em></p><pre>  </pre>"
    assert parse(html).get_text() == BeautifulSoup(html, "html.parser").get_text()


def test_comments_and_scripts_are_not_text():
    assert parse("<p>a<!-- b --><script>c</script>d</p>").get_text() == "ad"


def test_html_that_is_not_simply_well_formed_goes_through_beautifulsoup_once():
    page = parse("<p>a<em>b</p><p>c")
    canonical = BeautifulSoup(page.inner_html(), "html.parser").decode()
    assert canonical == BeautifulSoup("<p>a<em>b</em></p><p>c</p>", "html.parser").decode()


def test_a_new_attribute_goes_after_the_tag_name_and_leaves_the_rest_as_written():
    page = parse("<p class='lead'>a</p>")
    paragraph = next(page.iter())
    paragraph["id"] = "p-1"
    assert page.inner_html() == "<p id=\"p-1\" class='lead'>a</p>"
    assert paragraph.classes == ["lead"] and paragraph["id"] == "p-1"


def test_new_elements_escape_their_text_and_attributes_and_write_empty_ones_bare():
    link = tag("a", {"href": "?a=1&b=2", "title": 'say "hi"', "data-ui": ""}, "<x> & y")
    assert link.html() == (
        '<a href="?a=1&amp;b=2" title="say &quot;hi&quot;" data-ui>&lt;x&gt; &amp; y</a>'
    )
    assert tag("input", {"type": "checkbox"}).html() == '<input type="checkbox">'


TEXTS = st.lists(
    st.sampled_from(["阿里云", "a", " ", "\n", "&amp;", "&lt;", "&nbsp;", "&#x4e00;", "“", "é"]),
    max_size=8,
).map("".join)
INLINE = st.recursive(
    TEXTS,
    lambda inner: (
        st.tuples(st.sampled_from(["em", "a", "code", "span data-ui"]), inner).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0].split()[0]}>"
        )
        | st.lists(inner, max_size=3).map("".join)
    ),
    max_leaves=8,
)
PAGES = st.lists(
    st.tuples(st.sampled_from(["p", "h2", "li", "blockquote"]), INLINE), max_size=5
).map(lambda blocks: "\n".join(f"<{name}>{body}</{name}>" for name, body in blocks))


@settings(max_examples=200, deadline=None)
@given(PAGES)
def test_property_round_trip_and_text_agree_with_beautifulsoup(html):
    page = parse(html)
    assert page.inner_html() == html
    assert page.get_text() == BeautifulSoup(html, "html.parser").get_text()


def test_nodes_just_made_take_a_nodes_place_and_parent():
    page = parse("<p>前<b>阿里云</b>后</p>")
    paragraph = page.children[0]
    before = paragraph.children[0]
    made = [Text("一"), tag("i", None, "二"), Text("三")]
    before.replace_with_made(made)
    assert page.inner_html() == "<p>一<i>二</i>三<b>阿里云</b>后</p>"
    assert all(node.parent is paragraph for node in made) and before.parent is None
    made[1].replace_with("四", Text("五"))  # strings too, through replace_with
    assert page.inner_html() == "<p>一四五三<b>阿里云</b>后</p>"


def test_a_released_tree_is_freed_by_reference_counting_alone():
    """The plugin pauses the cyclic collector while it annotates: a tree it has written must
    leave no cycle behind, or a thousand pages' trees pile up until a full collection."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        page = parse("<h2>标题</h2><p>阿里云<em>通义<b>千问</b></em><!-- x --></p><p>b</p>")
        # As the text layer wraps a term: a text node cut, its middle wrapped.
        page.children[1].children[0].replace_with_made([Text("阿里"), tag("a", {}, "云")])
        assert gc.collect() == 0  # nothing else is garbage yet
        page.inner_html(release=True)
        del page
        assert gc.collect() == 0  # nothing was left for the collector
    finally:
        if was_enabled:
            gc.enable()
