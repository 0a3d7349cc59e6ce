"""Category 3B semiconductor manufacturing equipment read by h15fab, as the official texts state
it: US 3B903 / EU 3B503 SEM equipment for imaging semiconductor devices. Expected values written
from ontology/sources/us-ccl-15cfr774-supp1.xml and eu-2021-821-annex-i-20251115.json, not from
the formalizer."""

from __future__ import annotations

import pytest

from tests.lists.formal import Found, criterion, ways

SEM_FACTS = {
    "sem-not-designed-to-accept-semi-standard-wafer-carrier",
    "sem-stage-positioning-by-laser-interferometry",
    "sem-fov-calibration-by-laser-interferometer",
}


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "3B903"), ("EU", "3B503")])
def test_sem_for_imaging_semiconductor_devices(found: Found, jurisdiction: str, code: str) -> None:
    # .a "Stage placement accuracy less (better) than 30 nm"; .d "more than 2 x 10^8 pixels"
    # (EU "2 × 108"); .e "FOV overlap of less than 5 percent in vertical and horizontal
    # directions"; .f "Stitching overlap of FOV less than 50 nm"; .g "Accelerating voltage more
    # than 21 kV"; .b and .c (laser interferometry) required facts, as is Note 2 (SEMI carriers)
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert entry.kinds == ("semiconductor-imaging-sem",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("sem-stage-placement-accuracy", "<", "30", "NanoM"),
                criterion("sem-stored-image-pixel-count", ">", "2E8", "NUM"),
                criterion("sem-fov-overlap", "<", "5", "PERCENT"),
                criterion("sem-fov-stitching-overlap", "<", "50", "NanoM"),
                criterion("sem-accelerating-voltage", ">", "21", "KiloV"),
            }
        )
    }
    assert set(entry.requires_facts) == SEM_FACTS
    # the sub-paragraphs are read into the one entry (all required), not entries of their own
    assert (jurisdiction, f"{code}.a") not in found


WORK_FUNCTION_FACTS = (
    "ald-metal-sources-one-for-aluminium-precursor",
    "ald-deposits-tialc-work-function-metal",
)


@pytest.mark.parametrize(
    ("jurisdiction", "code", "vessel"),
    [("US", "3B001.d.8", ">"), ("EU", "3B501.n.1.c", ">=")],
)
def test_work_function_metal_ald(found: Found, jurisdiction: str, code: str, vessel: str) -> None:
    # US 3B001.d.8.b "Precursor vessel designed and enabled to operate at a temperature greater
    # than 30 °C", .c.2 "Enabling a work function greater than 4.0 eV"; EU 3B501.n.1.c "having a
    # work function greater than 4,0 eV", .c.2 "greater than or equal to 303,15 K (30 °C)";
    # the aluminium precursor source (US .a, EU .c.1) and TiAlC (US .c.1, EU the root's words)
    # required facts
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert entry.kinds == ("work-function-metal-ald-equipment",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("ald-precursor-vessel-operating-temperature", vessel, "30", "DEG_C"),
                criterion("deposited-work-function-metal-work-function", ">", "4.0", "EV"),
            }
        )
    }
    assert entry.requires_facts == WORK_FUNCTION_FACTS


def test_us_line_width_measurement(found: Found) -> None:
    # US 3B992.b.2.b "Equipment for line width measurement with a resolution of 1 micrometer or
    # finer"; 3B992.b.2 "“specially designed” “stored program controlled” measuring and analysis
    # equipment"
    entry = found[("US", "3B992.b.2.b")]
    assert entry.text_only is None
    assert ways(entry) == {
        frozenset({criterion("line-width-measurement-resolution", "<=", "1", "MicroM")})
    }
    assert set(entry.requires_facts) == {
        "not-controlled-by-3b002-3b993-3b994",
        "stored-program-controlled",
    }
    assert ("EU", "3B992.b.2.b") not in found


def test_us_low_fluorine_tungsten_deposition(found: Found) -> None:
    # US 3B001.d.10 "… low fluorine tungsten (FW) (fluorine (F) concentration less than
    # 10^19 atoms/cm^3) films"; the EU lists no such paragraph
    entry = found[("US", "3B001.d.10")]
    assert entry.text_only is None
    assert entry.kinds == ("low-fluorine-tungsten-deposition-equipment",)
    assert ways(entry) == {
        frozenset(
            {
                criterion(
                    "deposited-tungsten-film-fluorine-concentration", "<", "1E19", "NUM-PER-CentiM3"
                )
            }
        )
    }
    assert entry.requires_facts == ()
