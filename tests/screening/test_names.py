"""How names are read before they are compared: transliteration, legal forms, spelling folds."""

from __future__ import annotations

import pytest
from exportgraph.loaders.screening_name_tables import read_legal_forms, read_spelling_folds

from exportgraph import paths
from exportgraph.knowledge.screening_names import Fold, NameKeys, normalise
from exportgraph.knowledge.screening_words import word_similarity

TABLES = paths.ontology_dir() / "screening"
KEYS = NameKeys(
    [
        (form.notation, form.label, variant)
        for form in read_legal_forms(TABLES / "legal-forms.csv", "legal-forms.csv")
        for variant in form.variants
    ],
    [
        Fold(fold.pattern, fold.replacement, fold.position)
        for fold in read_spelling_folds(TABLES / "spelling-folds.csv", "spelling-folds.csv")
    ],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Газпром нефть", "gazprom neft"),
        ("Müller Markt L.L.C.", "muller markt llc"),
        ("Xi’an Aerotek Co.,Ltd.", "xian aerotek co ltd"),
        ("Huawei Investment & Holding", "huawei investment and holding"),
        ("  TOO “Inter-Treid Elektro” ", "too inter treid elektro"),
    ],
)
def test_normalisation_transliterates_and_reads_punctuation(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("OOO Kaspersky Group", "Kaspersky Group LLC"),
        ("Kaspersky Group", "Kaspersky Group Limited Liability Company"),
        (
            "Obshchestvo s Ogranichennoi Otvetstvennostyu Sovremennye Tekhnologii",
            "Sovremennye Tekhnologii",
        ),
        ("Huawei Technologies Co., Ltd.", "Huawei Technologies Company Limited"),
        ("Yevgeniy Prigozhin", "Evgeny Prigozhin"),
        ("Aleksandr Khodorkovskiy", "Alexandr Hodorkovskii"),
        ("Mueller Markt", "Müller Markt"),
        ("Jinan Institute for Quantum Technology", "Jinan Institute of Quantum Technology"),
        ("Ozkanlar Grup Makine A.Ş.", "Özkanlar Grup Makine AS"),
    ],
)
def test_written_forms_of_one_name_get_one_key(one: str, other: str) -> None:
    assert KEYS.key(one).key == KEYS.key(other).key


def test_legal_forms_are_set_aside_only_at_the_ends_and_reported() -> None:
    key = KEYS.key("OOO Kaspersky Group")
    assert [(f.notation, f.written) for f in key.legal_forms] == [
        ("limited-liability-company", "ooo")
    ]
    middle = KEYS.key("Tactical Missile Corporation JSC Plant Dagdiesel")
    assert "jsc" not in " ".join(f.written for f in middle.legal_forms)
    assert "jsc" in middle.tokens  # inside the name it is part of the name
    longest = KEYS.key("Huawei Technologies Co., Ltd.")
    assert [f.notation for f in longest.legal_forms] == ["limited-company"]  # not company + ltd


def test_a_name_that_is_only_a_legal_form_or_connecting_words_keeps_them() -> None:
    assert KEYS.key("Limited").tokens == ("limited",)
    assert KEYS.key("The").tokens == ("the",)


def test_spacing_variants_share_a_compact_form() -> None:
    assert KEYS.key("Hua Wei").compact == KEYS.key("Huawei").compact


def test_word_similarity_counts_a_beginning_not_an_inner_part() -> None:
    similarity = word_similarity(["tech", "bank"], ["technologi", "sberbank"])
    assert similarity[0, 0] > 0.7  # tech / technologi: an abbreviation
    assert similarity[1, 1] == 0.0  # bank inside sberbank is another word
