"""The term matcher: unspaced Chinese, Latin word edges, longest match, width and case folding."""

from explainer.matcher import Pattern, TermMatcher
from hypothesis import given
from hypothesis import strategies as st


def found(patterns, text):
    matcher = TermMatcher([Pattern(alias, key, case) for alias, key, case in patterns])
    return [(text[m.start : m.end], m.key) for m in matcher.find(text)]


def test_cjk_unspaced():
    assert found([("阿里云", "cloud", True)], "近日阿里云发布了新模型") == [("阿里云", "cloud")]


def test_superset_vs_subset_longest_wins():
    patterns = [("阿里", "ali", True), ("阿里云", "cloud", True), ("阿里巴巴", "group", True)]
    assert found(patterns, "阿里云与阿里巴巴,阿里方面") == [
        ("阿里云", "cloud"),
        ("阿里巴巴", "group"),
        ("阿里", "ali"),
    ]


def test_superset_vs_subset_mixed_alias():
    patterns = [("通义", "tongyi", True), ("通义Qwen", "tongyi", True), ("Qwen", "tongyi", True)]
    assert found(patterns, "通义Qwen系列") == [("通义Qwen", "tongyi")]


def test_latin_partial_word_never_matches():
    patterns = [("AI", "ai", True), ("o1", "o1", True), ("GPT-4", "gpt4", True)]
    assert found(patterns, "OpenAI的o10与GPT-4o") == []
    assert found(patterns, "AI,o1和GPT-4。") == [("AI", "ai"), ("o1", "o1"), ("GPT-4", "gpt4")]


def test_partial_word_falls_back_to_a_shorter_valid_match():
    patterns = [("Qwen", "qwen", True), ("Qwen2", "qwen2", True)]
    assert found(patterns, "Qwen2a 与 Qwen 模型") == [("Qwen", "qwen")]


def test_mixed_script():
    patterns = [
        ("智谱AI", "zhipu", True),
        ("Qwen 72B", "q72", True),
        ("Qwen2.5", "q25", True),
        ("Qwen", "qwen", True),
    ]
    text = "智谱AI、Qwen 72B 称王,Qwen2.5系列与Qwen"
    assert found(patterns, text) == [
        ("智谱AI", "zhipu"),
        ("Qwen 72B", "q72"),
        ("Qwen2.5", "q25"),
        ("Qwen", "qwen"),
    ]


def test_cjk_neighbours_are_word_edges_for_latin_terms():
    assert found([("Meta", "meta", True)], "谷歌和Meta;") == [("Meta", "meta")]


def test_fullwidth_and_halfwidth_forms_match_alike():
    assert found([("OpenAI", "openai", True)], "ＯｐｅｎＡＩ发布") == [("ＯｐｅｎＡＩ", "openai")]
    assert found([("ＧＰＵ", "gpu", True)], "GPU算力") == [("GPU", "gpu")]


def test_case_sensitive_by_default():
    assert found([("Meta", "meta", True)], "meta 与 META") == []


def test_case_insensitive_when_asked():
    assert found([("超级App", "app", False)], "超级APP和超级App") == [
        ("超级APP", "app"),
        ("超级App", "app"),
    ]


def test_same_folded_alias_with_different_case_keeps_both_entries():
    patterns = [("Kimi", "kimi", True), ("KIMI", "shouting", True)]
    assert found(patterns, "Kimi KIMI") == [("Kimi", "kimi"), ("KIMI", "shouting")]


def test_offsets_survive_characters_whose_lowercase_is_longer():
    # "İ".lower() is two characters; folding must keep one character per character.
    assert found([("Qwen", "qwen", True)], "İ与İ的Qwen") == [("Qwen", "qwen")]


def test_no_patterns_find_nothing():
    assert TermMatcher([]).find("任何文本") == []


def test_a_vetoed_match_gives_way_to_a_shorter_one_and_to_a_later_one():
    matcher = TermMatcher([Pattern(a, a, True) for a in ("阿里", "阿里云", "云计算")])
    text = "阿里云计算"
    refuse_long = matcher.find(text, accept=lambda start, end: (start, end) != (0, 3))
    assert [(m.start, m.end) for m in refuse_long] == [(0, 2), (2, 5)]
    refuse_first = matcher.find(text, accept=lambda start, end: start > 0)
    assert [(m.start, m.end) for m in refuse_first] == [(2, 5)]


ALIASES = ["阿里", "阿里云", "云计算", "AI", "OpenAI", "Qwen", "Qwen2", "o1", "Meta", "超级App"]
PIECES = [*ALIASES, "云", "计算", "2", "a", " ", "，", "ＡＩ", "META", "app", "Ｑwen"]


def reference_find(patterns, text, accept):
    """The rule, from its definition: every candidate occurrence, checked, then leftmost-longest."""
    from explainer.matcher import fold, is_latin_word_char, narrow

    folded, narrowed = fold(text), narrow(text)
    candidates = []
    for pattern in patterns:
        alias = fold(pattern.alias)
        start = folded.find(alias)
        while start != -1:
            end = start + len(alias)
            edges_ok = not (
                is_latin_word_char(alias[0]) and start and is_latin_word_char(folded[start - 1])
            ) and not (
                is_latin_word_char(alias[-1])
                and end < len(folded)
                and is_latin_word_char(folded[end])
            )
            case_ok = not pattern.case_sensitive or narrowed[start:end] == narrow(pattern.alias)
            if edges_ok and case_ok and accept(start, end):
                candidates.append((start, -end, pattern.key))
            start = folded.find(alias, start + 1)
    chosen, reached = [], 0
    for start, negative_end, key in sorted(candidates):
        if start >= reached:
            chosen.append((start, -negative_end, key))
            reached = -negative_end
    return chosen


@given(
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.integers(min_value=0, max_value=1000),
    st.sets(st.sampled_from(ALIASES), min_size=1),
)
def test_matches_follow_the_rule_whatever_is_refused(pieces, veto_seed, insensitive):
    patterns = [Pattern(alias, alias, alias not in insensitive) for alias in ALIASES]
    text = "".join(pieces)

    def accept(start, end):  # refuses about one candidate in three
        return hash((veto_seed, start, end)) % 3 != 0

    found_here = [(m.start, m.end, m.key) for m in TermMatcher(patterns).find(text, accept)]
    assert found_here == reference_find(patterns, text, accept)


def test_the_latin_word_characters_looked_up_are_those_the_rule_takes():
    from explainer.matcher import LATIN_WORD_CHARS, is_latin_word_char

    for code in range(0x30000):
        assert (chr(code) in LATIN_WORD_CHARS) == is_latin_word_char(chr(code)), hex(code)
