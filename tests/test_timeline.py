"""The timeline: data checks, quote anchoring, the page, and links both ways with the article."""

import shutil
import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup
from explainer.errors import DataError
from explainer.fragment import parse
from explainer.timeline import Timeline

from tests.support.site import ROOT, build_site

TIMELINE = yaml.safe_load((ROOT / "content" / "data" / "timeline.yaml").read_text("utf-8"))
GOOD = """\
categories: [yunqi, models]
eras:
  - id: conf
    title: {zh: 大会, en: Conference}
    start: "2024-09-19"
    end: "2024-09-21"
events:
  - id: launch
    date: "2024-09-19"
    category: models
    era: conf
    title: {zh: 发布, en: Launch}
    description: {zh: 发布了模型。, en: A model is launched.}
    glossary: [qwen]
    quote: {exact: 发布了模型}
  - id: earlier
    date: "2024-06"
    category: yunqi
    title: {zh: 更早, en: Earlier}
    description: {zh: 更早。, en: Earlier.}
"""


def load(tmp_path, text=GOOD, glossary=("qwen",)):
    path = tmp_path / "timeline.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Timeline.load(path, set(glossary))


def error_for(tmp_path, text, glossary=("qwen",)):
    with pytest.raises(DataError) as caught:
        load(tmp_path, text, glossary)
    return str(caught.value)


def test_events_are_ordered_by_date_and_grouped_in_eras(tmp_path):
    timeline = load(tmp_path)
    assert [e.id for e in timeline.events] == ["earlier", "launch"]
    assert [e.id for e in timeline.eras["conf"].events] == ["launch"]
    assert timeline.by_id["earlier"].date.precision == "month"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('date: "2024-06"', 'date: "2024-13"'), "'2024-13' does not match"),
        (('date: "2024-06"', 'date: "2024-02-30"'), "day is out of range"),
        (('date: "2024-06"', 'date: "June 2024"'), "date"),
        (
            ("category: yunqi\n    title: {zh: 更早", "category: sports\n    title: {zh: 更早"),
            "unknown category 'sports'",
        ),
        (("era: conf", "era: summit"), "no era has the id 'summit'"),
        (('date: "2024-09-19"', 'date: "2024-09-25"'), "lies outside era 'conf'"),
        (("glossary: [qwen]", "glossary: [kimi]"), "no glossary entry has the id 'kimi'"),
        (("id: earlier", "id: launch"), "duplicate id"),
    ],
)
def test_bad_data_names_file_line_and_event(tmp_path, change, expected):
    message = error_for(tmp_path, GOOD.replace(*change))
    assert "timeline.yaml:" in message and expected in message
    assert "[launch]" in message or "[earlier]" in message


def test_quote_found_marks_the_passage_and_links_the_event(tmp_path):
    timeline = load(tmp_path)
    page = parse("<p>今天阿里云发布了模型。</p>")
    found = timeline.mark_passages(
        page,
        slug="a",
        lang="zh-cn",
        event_href=lambda i: f"t/#{i}",
        labels={"timeline": "时间线"},
    )
    assert [e.id for e in found] == ["launch"]
    soup = BeautifulSoup(page.inner_html(), "html.parser")
    marker = soup.select_one("a.event-marker")
    assert marker["href"] == "t/#launch" and marker["id"] == "event-ref-launch"
    assert marker.previous_sibling == "今天阿里云发布了模型"
    timeline.record_passages(found, "zh-cn", "a/")
    assert timeline.by_id["launch"].passages == [("zh-cn", "a/", "event-ref-launch")]


def test_quote_not_found_anywhere_is_an_error(tmp_path):
    timeline = load(tmp_path)
    timeline.mark_passages(
        parse("<p>没有这句话。</p>"),
        slug="a",
        lang="zh-cn",
        event_href=str,
        labels={"timeline": "时间线"},
    )
    with pytest.raises(DataError, match=r"\[launch\].*发布了模型.*orphaned"):
        timeline.check_quotes_anchored()


def test_ambiguous_quote_is_an_error(tmp_path):
    timeline = load(tmp_path)
    page = parse("<p>发布了模型,又发布了模型。</p>")
    with pytest.raises(DataError, match=r"timeline.yaml:\d+ \[launch\].*ambiguous"):
        timeline.mark_passages(
            page,
            slug="a",
            lang="zh-cn",
            event_href=str,
            labels={"timeline": "时间线"},
        )


def test_the_real_timeline_has_the_required_events():
    events = {e["id"]: e for e in TIMELINE["events"]}
    dates = {e["date"] for e in events.values()}
    for date in [
        "2009",
        "2011",
        "2022-11-30",
        "2023-09-10",
        "2023-10-31",
        "2023-11-16",
        "2024-06-07",
        "2024-06-26",
        "2024-09-05",
        "2024-09-12",
        "2024-09-19",
    ]:
        assert date in dates, date
    assert any(e.get("after_article") for e in events.values())
    assert {era["id"] for era in TIMELINE["eras"]} >= {"yunqi-2023", "yunqi-2024"}


def test_timeline_page_lists_every_event_with_time_datetime(site):
    page = site.soup("timeline/index.html")
    items = page.select("li.event")
    assert len(items) == len(TIMELINE["events"])
    for item in items:
        time = item.select_one(".event-date time")
        assert time and time["datetime"]
    assert [li["id"] for li in items] == [li["id"] for li in items if li["id"]]


def test_eras_are_spans_holding_their_sessions(site):
    era = site.soup("timeline/index.html").find(id="yunqi-2024")
    assert "era" in era["class"]
    sessions = [li["id"] for li in era.select("li.event")]
    assert {e["id"] for e in TIMELINE["events"] if e.get("era") == "yunqi-2024"} == set(sessions)


def test_events_after_the_article_are_marked(site):
    page = site.soup("timeline/index.html")
    after = page.select("li.after-article")
    assert after and all(li.select_one(".event-after") for li in after)


def test_links_go_both_ways_between_article_and_timeline(site):
    article, timeline = site.article(), site.soup("timeline/index.html")
    markers = article.select("a.event-marker")
    quoted = [e for e in TIMELINE["events"] if "quote" in e]
    assert len(markers) == len(quoted)
    for marker in markers:
        event_id = marker["href"].split("#")[1]
        event = timeline.find(id=event_id)
        assert event is not None
        back = event.select_one("a.event-read")["href"]
        assert back == f"../alibaba-cloud-open-source/#{marker['id']}"


def test_the_article_ends_with_a_compact_timeline(site):
    mini = site.article().select_one("aside.mini-timeline")
    links = [a["href"] for a in mini.select("li a")]
    assert links and all(link.startswith("../timeline/#") for link in links)
    order = [li["id"] for li in site.soup("timeline/index.html").select("li.event")]
    ids = [link.split("#")[1] for link in links]
    assert ids == sorted(ids, key=order.index), "in date order, as on the timeline page"


def test_relative_dates_in_the_article_have_absolute_tooltips(site):
    page = site.article()
    dates = page.select(".reldate")
    texts = [d.get_text() for d in dates]
    for expected in ["今年", "去年", "今年6月", "近日", "22个月"]:
        assert expected in texts, expected
    for element in dates:
        tip = page.find(id=element["aria-describedby"])
        assert tip["role"] == "tooltip" and tip.select_one(".term-tip-definition").get_text()
        time = element if element.name == "time" else element.find("time")
        assert time["datetime"]
    june = next(d for d in dates if d.get_text() == "今年6月")
    assert "2024年6月" in page.find(id=june["aria-describedby"]).get_text()


def test_a_different_article_date_resolves_differently(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    article = content / "articles" / "alibaba-cloud-open-source.md"
    article.write_text(
        article.read_text("utf-8").replace("Published: 2024-09", "Published: 2025-03"),
        encoding="utf-8",
    )
    result = build_site(tmp_path / "out", content=content)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(
        (tmp_path / "out" / "alibaba-cloud-open-source" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    this_year = next(d for d in page.select("time.reldate") if d.get_text() == "今年")
    assert this_year["datetime"] == "2025"


def test_quote_without_article_found_in_two_articles_is_an_error(tmp_path):
    timeline = load(tmp_path)
    for slug in ("a", "b"):
        page = parse("<p>它发布了模型。</p>")
        found = timeline.mark_passages(
            page,
            slug=slug,
            lang="zh-cn",
            event_href=str,
            labels={"timeline": "时间线"},
        )
        timeline.record_passages(found, "zh-cn", f"{slug}/")
    with pytest.raises(DataError, match=r"\[launch\].*found in 2 articles.*a/, b/"):
        timeline.check_quotes_anchored()
