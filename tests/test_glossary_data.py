"""Bad glossary data stops the build with the file, the line, the entry and what is wrong."""

import shutil
import textwrap

import pytest
import yaml
from explainer.annotation_cache import file_digest
from explainer.errors import DataError
from explainer.glossary import Glossary
from explainer.timeline import Timeline

from tests.support.site import ROOT, build_site

GOOD = """\
entries:
  - id: alibaba-cloud
    term: 阿里云
    english: Alibaba Cloud
    pinyin: Ālǐyún
    kind: organisation
    definition: {zh: 阿里巴巴的云计算业务。, en: Alibaba's cloud business.}
    sources: [{url: "https://www.alibabacloud.com/", title: Alibaba Cloud}]
    as_of: 2024-09
    related: [alibaba]
  - id: alibaba
    term: 阿里巴巴
    english: Alibaba Group
    pinyin: Ālǐbābā
    kind: organisation
    aliases: [阿里]
    definition: {zh: 一家公司。, en: A company.}
"""


def load(tmp_path, text):
    path = tmp_path / "glossary.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Glossary.load(path)


def error_for(tmp_path, text) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    message = str(caught.value)
    assert str(tmp_path / "glossary.yaml") in message
    return message


def test_good_data_loads(tmp_path):
    glossary = load(tmp_path, GOOD)
    assert list(glossary.entries) == ["alibaba-cloud", "alibaba"]
    assert glossary.entries["alibaba-cloud"].as_of == "2024-09"  # a string, not a date


def test_an_order_made_by_another_process_is_taken_only_for_the_same_entries(tmp_path):
    sorted_elsewhere = load(tmp_path, GOOD)
    order = sorted_elsewhere.order()
    assert order == [("organisation", ["alibaba", "alibaba-cloud"])]  # ālǐbābā < ālǐyún
    here = load(tmp_path, GOOD)
    here.adopt_order(order)
    assert here.by_kind() == [
        ("organisation", [here.entries["alibaba"], here.entries["alibaba-cloud"]])
    ]
    other = load(tmp_path, GOOD)
    other.adopt_order([("organisation", ["alibaba"])])  # not these entries: sorted here
    assert other.by_kind() == here.by_kind()
    assert other.order() == order


def test_invalid_yaml_names_the_line(tmp_path):
    message = error_for(tmp_path, GOOD + "  - id: [unclosed\n")
    assert ":19" in message and "invalid YAML" in message


def test_a_file_not_in_utf8_names_the_line_and_the_byte(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(GOOD.encode("utf-8") + "  - id: 阿里\n".encode("gbk"))
    with pytest.raises(DataError) as caught:
        Glossary.load(path)
    message = str(caught.value)
    assert f"{path}:18" in message and "not UTF-8" in message and "0xb0" in message


def test_missing_field(tmp_path):
    message = error_for(tmp_path, GOOD.replace("    english: Alibaba Group\n", ""))
    assert "[alibaba]" in message and "missing field: 'english'" in message and ":11" in message


def test_unknown_field(tmp_path):
    message = error_for(
        tmp_path,
        GOOD.replace(
            "    english: Alibaba Cloud\n", "    english: Alibaba Cloud\n    colour: red\n"
        ),
    )
    assert "unknown field" in message and "colour" in message


def test_unknown_kind(tmp_path):
    message = error_for(tmp_path, GOOD.replace("kind: organisation", "kind: company", 1))
    assert "[alibaba-cloud]" in message and "kind" in message and ":6" in message


def test_duplicate_ids(tmp_path):
    message = error_for(tmp_path, GOOD.replace("id: alibaba\n", "id: alibaba-cloud\n"))
    assert "duplicate id" in message and "line 2" in message


def test_alias_claimed_by_two_entries(tmp_path):
    message = error_for(tmp_path, GOOD.replace("aliases: [阿里]", "aliases: [阿里, 阿里云]"))
    assert "'阿里云' is already claimed by entry 'alibaba-cloud'" in message
    assert "[alibaba]" in message


def test_alias_claimed_twice_after_width_folding(tmp_path):
    message = error_for(
        tmp_path,
        GOOD.replace("aliases: [阿里]", "aliases: [阿里, Ａｌｉｂａｂａ Ｃｌｏｕｄ]").replace(
            "english: Alibaba Group", "english: Alibaba Cloud"
        ),
    )
    assert "already claimed" in message


def test_empty_alias(tmp_path):
    message = error_for(tmp_path, GOOD.replace("aliases: [阿里]", "aliases: ['  ']"))
    assert "[alibaba]" in message and "aliases/0: must not be empty or blank" in message


def test_related_id_that_does_not_exist(tmp_path):
    message = error_for(tmp_path, GOOD.replace("related: [alibaba]", "related: [tencent]"))
    assert "no entry has the id 'tencent'" in message and "[alibaba-cloud]" in message


def test_malformed_url(tmp_path):
    message = error_for(tmp_path, GOOD.replace('"https://www.alibabacloud.com/"', "www.aliyun"))
    assert "sources/0/url" in message and ":8" in message


def test_malformed_date(tmp_path):
    message = error_for(tmp_path, GOOD.replace("as_of: 2024-09", "as_of: 2024-13"))
    assert "as_of" in message and "[alibaba-cloud]" in message


def test_impossible_day(tmp_path):
    message = error_for(tmp_path, GOOD.replace("as_of: 2024-09", "as_of: 2023-02-30"))
    assert "day is out of range" in message


def test_pinyin_required_for_chinese_people_and_organisations(tmp_path):
    message = error_for(tmp_path, GOOD.replace("    pinyin: Ālǐbābā\n", ""))
    assert "pinyin is required" in message and "[alibaba]" in message


def test_bad_id(tmp_path):
    message = error_for(tmp_path, GOOD.replace("id: alibaba\n", "id: Alibaba Group\n"))
    assert "id" in message and ":11" in message


def test_a_broken_glossary_fails_the_build_and_keeps_the_last_output(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, symlinks=False)
    glossary = content / "data" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("id: alibaba-cloud\n", "id: alibaba\n", 1),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build_site(output, content=content)
    assert result.returncode != 0
    combined = " ".join((result.stdout + result.stderr).split())
    assert "glossary.yaml" in combined and "duplicate id" in combined


def test_data_cannot_inject_markup(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    glossary = content / "data" / "glossary.yaml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["id"] == "alibaba-cloud")
    entry["english"] = "Alibaba Cloud <script>alert(1)</script>"
    entry["note"] = {
        "zh": "<img src=x onerror=alert(1)>**粗体** [链接](javascript:alert(1))",
        "en": "<script>alert(2)</script>ok",
    }
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    output = tmp_path / "output"
    result = build_site(output, content=content)
    assert result.returncode == 0, result.stderr
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "onerror" not in html
        assert "javascript:" not in html
    glossary_page = (output / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Alibaba Cloud &lt;script&gt;alert(1)&lt;/script&gt;" in glossary_page
    assert "<strong>粗体</strong>" in glossary_page


def test_a_loaded_glossary_and_timeline_carry_the_digest_of_the_bytes_they_were_read_from():
    """What every annotation is made from: a file read once, parsed and digested alike."""
    glossary_path = ROOT / "content" / "data" / "glossary.yaml"
    timeline_path = ROOT / "content" / "data" / "timeline.yaml"
    glossary = Glossary.load(glossary_path)
    assert glossary.digest == file_digest(glossary_path)
    timeline = Timeline.load(timeline_path, set(glossary.entries))
    assert timeline.digest == file_digest(timeline_path)
