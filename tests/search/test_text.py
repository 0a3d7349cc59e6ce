"""Words and highlights of the search index."""

from __future__ import annotations

from exportgraph.knowledge.search_text import all_terms, highlight, stem, terms


def test_plurals_share_a_stem_and_other_words_keep_theirs() -> None:
    assert stem("magnetometers") == stem("magnetometer") == "magnetometer"
    assert stem("frequencies") == "frequency"
    assert stem("glass") == "glass"
    assert stem("gas") == "gas"


def test_a_dotted_code_is_one_word_and_finds_its_leading_parts() -> None:
    assert terms("see 3A001.a.7 for amplifiers") == ["see", "3a001.a.7", "amplifier"]
    assert "3a001" in all_terms("see 3A001.a.7")
    assert "3a001.a" in all_terms("see 3A001.a.7")


def test_highlights_escape_the_text_and_mark_only_the_matched_words() -> None:
    text = 'Multiplexors <b>and</b> "lasers" & <script>alert(1)</script> lasers'
    (fragment,) = highlight(text, {"laser"})
    assert "<script>" not in fragment and "<b>" not in fragment
    assert "&lt;script&gt;" in fragment and "&amp;" in fragment
    assert fragment.count("<mark>") == 2
    assert "<mark>lasers</mark>" in fragment


def test_long_texts_give_fragments_around_the_matches() -> None:
    text = " ".join(["filler"] * 200) + " magnetometer " + " ".join(["tail"] * 200)
    (fragment,) = highlight(text, {"magnetometer"})
    assert "<mark>magnetometer</mark>" in fragment
    assert fragment.startswith("…") and fragment.endswith("…")
    assert len(fragment) < 300
