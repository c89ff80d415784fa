"""The text layer's wrapping: a span's element, made or given, and spans that cross markup."""

import pytest
from explainer.fragment import parse, tag
from explainer.textlayer import TextLayer


def test_a_given_element_wraps_a_span_inside_one_text_node():
    page = parse("<p>阿里云开源通义</p>")
    layer = TextLayer(page)
    start = layer.text.index("通义")
    layer.wrap([(start, start + 2, tag("a", {"href": "#tongyi"}))])
    assert page.inner_html() == '<p>阿里云开源<a href="#tongyi">通义</a></p>'


def test_a_span_across_markup_is_wrapped_piece_by_piece_by_its_maker():
    page = parse("<p>阿里<em>云开</em>源</p>")
    layer = TextLayer(page)
    (made,) = layer.apply([(1, 4, lambda: tag("mark"))])
    assert len(made) == 2
    assert page.inner_html() == "<p>阿<mark>里</mark><em><mark>云开</mark></em>源</p>"


def test_one_given_element_is_refused_for_a_span_across_markup():
    layer = TextLayer(parse("<p>阿里<em>云</em></p>"))
    with pytest.raises(ValueError, match="across text nodes"):
        layer.apply([(1, 3, tag("mark"))])


def test_pieces_of_a_text_with_entities_are_written_escaped():
    page = parse("<p>AT&amp;T &lt;云&gt; 阿里云</p>")
    layer = TextLayer(page)
    start = layer.text.index("阿里云")
    layer.apply([(start, start + 3, tag("a")), (0, 4, tag("b"))])
    assert page.inner_html() == "<p><b>AT&amp;T</b> &lt;云&gt; <a>阿里云</a></p>"
