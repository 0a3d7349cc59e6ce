"""US 3B991, 3B992, 3B993.c.3 and 3B994 semiconductor manufacturing and test equipment as the
official text states it. Expected values written from ontology/sources/us-ccl-15cfr774-supp1.xml,
not from the formalizer."""

from __future__ import annotations

from decimal import Decimal

from tests.lists.formal import Found, ways

NOT_3B992 = "not-controlled-by-3b002-3b993-3b994"
STORED = "stored-program-controlled"


def test_3b992_wafer_probing(found: Found) -> None:
    # 3B992.b.3.b "more than 68 terminals"; .c "exceeding 1 GHz"; .a "finer than 3.5 micrometer"
    assert ways(found[("US", "3B992.b.3.b")]) == {
        frozenset({("tested-device-terminal-count", ">", Decimal("68"), "NUM")})
    }
    assert ways(found[("US", "3B992.b.3.c")]) == {
        frozenset({("test-frequency-max", ">", Decimal("1"), "GigaHZ")})
    }
    assert found[("US", "3B992.b.3")].group
    assert found[("US", "3B992.b.3.a")].text_only  # "finer than": not read
    for code in ("3B992.b.3.b", "3B992.b.3.c"):
        assert found[("US", code)].kinds == ("wafer-probing-equipment",)
        assert set(found[("US", code)].requires_facts) == {NOT_3B992, STORED}
    assert ("EU", "3B992.b.3") not in found


def test_3b992_discrete_device_testers(found: Found) -> None:
    entry = found[("US", "3B992.b.4.a")]
    assert ways(entry) == {frozenset({("test-frequency-max", ">", Decimal("18"), "GigaHZ")})}
    assert set(entry.requires_facts) == {NOT_3B992, STORED}


def test_3b992_integrated_circuit_testers(found: Found) -> None:
    # b.4.b.1 "exceeding 20 MHz"; b.4.b.2 "exceeding 10 MHz but not exceeding 20 MHz and
    # capable of testing packages of more than 68 terminals"
    assert ways(found[("US", "3B992.b.4.b.1")]) == {
        frozenset({("tester-pattern-rate", ">", Decimal("20"), "MegaHZ")})
    }
    assert ways(found[("US", "3B992.b.4.b.2")]) == {
        frozenset(
            {
                ("tester-pattern-rate", ">", Decimal("10"), "MegaHZ"),
                ("tester-pattern-rate", "<=", Decimal("20"), "MegaHZ"),
                ("tested-device-terminal-count", ">", Decimal("68"), "NUM"),
            }
        )
    }
    for code in ("3B992.b.4.b.1", "3B992.b.4.b.2"):
        facts = set(found[("US", code)].requires_facts)
        assert facts == {NOT_3B992, STORED, "ic-tester-not-excluded-by-note-to-3b992-b-4-b"}


def test_3b992_focal_plane_array_testers(found: Found) -> None:
    # b.4.c "at wavelengths of more than 1,200 nm"; c.1 "spot diameters of less than 0.12 mm"
    above = ("fpa-test-wavelength", ">", Decimal("1200"), "NanoM")
    assert ways(found[("US", "3B992.b.4.c.1")]) == {
        frozenset({above, ("fpa-test-scanning-spot-diameter", "<", Decimal("0.12"), "MilliM")})
    }
    for code in ("3B992.b.4.c.2", "3B992.b.4.c.3"):  # text, keeping the heading's wavelength
        entry = found[("US", code)]
        assert entry.text_only and ways(entry) == {frozenset({above})}
