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
