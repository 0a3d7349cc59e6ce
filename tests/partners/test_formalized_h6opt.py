"""Classification by Category 6 optics formalized from the whole lists (families.csv;
tests/lists/test_formalize_h6opt.py reads their values): beam steering mirror stages
(6A004.d.2.a), deformable mirrors (6A004.a.1), mirrors for beam steering mirror stages (6A004.a.4), image intensifier tubes
and their components (6A002.a.2), remote sensing imaging sensors (6A002.b), space-qualified focal plane arrays (6A002.a.1.d), zinc selenide and zinc sulfide optical
components (6A004.b), solid state video cameras (6A003.b.1), linear focal plane arrays
(6A002.a.3.d) — items on both sides of each threshold, in both lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")

STAGE = {
    "beam-steering-stage-mirror-diameter-or-major-axis-length": "51 mm",
    "beam-steering-stage-maximum-angular-travel": "26 mrad",
    "beam-steering-stage-mechanical-resonant-frequency": "500 Hz",
    "beam-steering-stage-angular-accuracy": "10 µrad",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_beam_steering_mirror_stages(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.d.2.a: mirrors > 50 mm, travel ±26 mrad or more, resonance 500 Hz or more,
    # angular accuracy 10 µrad or less
    kind = "beam-steering-mirror-stage"
    met = classify_in(jurisdiction, _item(kind, **STAGE), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A004.d.2.a"]
    for name, at in (
        ("beam-steering-stage-mirror-diameter-or-major-axis-length", "50 mm"),
        ("beam-steering-stage-maximum-angular-travel", "25.9 mrad"),
        ("beam-steering-stage-mechanical-resonant-frequency", "499 Hz"),
        ("beam-steering-stage-angular-accuracy", "11 µrad"),
    ):
        item = _item(kind, **{**STAGE, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name
    # a figure not stated: the stage is not decided
    partial = {k: v for k, v in STAGE.items() if k != "beam-steering-stage-angular-accuracy"}
    assert classify_in(jurisdiction, _item(kind, **partial), ON)["controlled"] == "unknown"


APERTURE, RESONANT = "deformable-mirror-active-optical-aperture", "deformable-mirror-mechanical-resonant-frequency"  # fmt: skip
ACTUATORS = "deformable-mirror-actuator-count"
CW, PULSED = "mirror-cw-laser-induced-damage-threshold", "mirror-pulsed-laser-induced-damage-threshold"  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_deformable_mirrors(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.a.1: aperture > 10 mm and (resonance 750 Hz or more with more than 200 actuators,
    # or a CW LIDT > 1 kW/cm^2, or a 20 ns / 20 Hz pulsed LIDT > 2 J/cm^2)
    kind = "deformable-mirror"

    def answer(**figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, **figures), ON)

    low = {CW: "1 kW/cm**2", PULSED: "2 J/cm**2"}
    fast = answer(**{APERTURE: "11 mm", RESONANT: "750 Hz", ACTUATORS: "201", **low})
    code = f"{jurisdiction}:6A004.a.1"
    # the paragraph met is named, under its group(s)
    assert fast["controlled"] is True and set(_ids(fast)) == {code, f"{code}.a"}
    for name, at in ((APERTURE, "10 mm"), (RESONANT, "749 Hz"), (ACTUATORS, "200")):
        figures = {APERTURE: "11 mm", RESONANT: "750 Hz", ACTUATORS: "201", **low, name: at}
        assert answer(**figures)["controlled"] is False, name
    slow = {APERTURE: "11 mm", RESONANT: "100 Hz", ACTUATORS: "50"}
    hard_cw = answer(**{**slow, **low, CW: "1.1 kW/cm**2"})
    assert hard_cw["controlled"] is True
    assert set(_ids(hard_cw)) == {code, f"{code}.b", f"{code}.b.1"}
    hard_pulsed = answer(**{**slow, **low, PULSED: "2.1 J/cm**2"})
    assert hard_pulsed["controlled"] is True
    assert set(_ids(hard_pulsed)) == {code, f"{code}.b", f"{code}.b.2"}
    assert answer(**{**slow, **low})["controlled"] is False
    # the LIDTs not stated: a slow mirror is not decided
    assert answer(**slow)["controlled"] == "unknown"
    # a small mirror is not controlled whatever else it states
    assert answer(**{APERTURE: "10 mm", RESONANT: "1 kHz", ACTUATORS: "500"})["controlled"] is False


DESIGNED = "mirror-specially-designed-for-6a004d2a-beam-steering-stages"
FLAT = "mirror-flatness-lambda-over-10-at-633-nm-or-better"
SIZE = "beam-steering-mirror-diameter-or-major-axis-length"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_mirrors_for_beam_steering_stages(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.a.4: specially designed for 6A004.d.2.a stages, flatness λ/10 or better, and a size
    # of 100 mm or more, or above 50 mm and below 100 mm with a CW LIDT > 10 kW/cm2 or a pulsed
    # LIDT > 20 J/cm2
    kind, code = "beam-steering-mirror", f"{jurisdiction}:6A004.a.4"
    both = {DESIGNED: True, FLAT: True}

    def answer(facts: dict[str, bool] | None, **figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, facts, **figures), ON)

    low = {CW: "10 kW/cm**2", PULSED: "20 J/cm**2"}
    large = answer(both, **{SIZE: "100 mm", **low})
    assert large["controlled"] is True and set(_ids(large)) == {code, f"{code}.a"}
    assert answer(both, **{SIZE: "99 mm", **low})["controlled"] is False
    assert answer(both, **{SIZE: "50 mm", CW: "20 kW/cm**2", PULSED: "30 J/cm**2"})["controlled"] is False  # fmt: skip
    for name, at in ((CW, "10.5 kW/cm**2"), (PULSED, "21 J/cm**2")):
        middle = answer(both, **{SIZE: "99 mm", **low, name: at})
        assert middle["controlled"] is True and set(_ids(middle)) == {code, f"{code}.b"}, name
    # the facts of the root's words: missing, the mirror is not decided; false, not controlled
    for missing in (DESIGNED, FLAT):
        facts = {k: v for k, v in both.items() if k != missing}
        asked = answer(facts, **{SIZE: "120 mm"})
        assert asked["controlled"] == "unknown" and missing in asked["missing_facts"]
        assert answer({**both, missing: False}, **{SIZE: "120 mm"})["controlled"] is False


PEAK, SENSITIVITY = "detector-peak-response-wavelength", "image-intensifier-photocathode-radiant-sensitivity"  # fmt: skip
PLATE, DEVICE = "microchannel-plate-hole-pitch", "charge-multiplication-electron-sensing-device-pixel-pitch"  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_image_intensifier_tubes(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.2.b: peak response above 1,050 nm up to 1,800 nm, a microchannel plate of 12 µm or
    # less or a charge multiplication electron sensing device of 500 µm or less, and a III/V or
    # transferred electron photocathode above 15 mA/W
    kind, code = "image-intensifier-tube", f"{jurisdiction}:6A002.a.2.b"

    def answer(**figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, **figures), ON)

    tube = {PEAK: "1800 nm", PLATE: "12 µm", DEVICE: "600 µm", SENSITIVITY: "16 mA/W"}
    met = answer(**tube)
    assert met["controlled"] is True and code in _ids(met)
    device = answer(**{**tube, PLATE: "13 µm", DEVICE: "500 µm"})
    assert device["controlled"] is True and code in _ids(device)
    for name, at in ((PEAK, "1050 nm"), (PEAK, "1801 nm"), (SENSITIVITY, "15 mA/W")):
        assert code not in _ids(answer(**{**tube, name: at})), (name, at)
    assert code not in _ids(answer(**{**tube, PLATE: "13 µm", DEVICE: "501 µm"}))
    # a tube peaking at 1,050 nm or below is read under 6A002.a.2.a, which asks its photocathode
    short = answer(**{**tube, PEAK: "900 nm"})
    assert short["controlled"] == "unknown" and CATHODE in short["missing_facts"]
    assert f"{jurisdiction}:6A002.a.2.a" in {e["id"] for e in short["possible_entries"]}
    assert code not in _ids(short)


CATHODE = "image-intensifier-photocathode-listed-in-6a002a2a3"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_image_intensifier_tubes_to_1050_nm(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.2.a: peak response above 400 nm up to 1,050 nm, a microchannel plate of 12 µm or
    # less or a charge multiplication electron sensing device of 500 µm or less, and one of the
    # photocathodes of 6A002.a.2.a.3 (a fact)
    kind, code = "image-intensifier-tube", f"{jurisdiction}:6A002.a.2.a"

    def answer(facts: dict[str, bool] | None, **figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, facts, **figures), ON)

    tube = {PEAK: "900 nm", PLATE: "6 µm", DEVICE: "600 µm", SENSITIVITY: "0 mA/W"}
    met = answer({CATHODE: True}, **tube)
    assert met["controlled"] is True and _ids(met) == [code]
    assert answer({CATHODE: True}, **{**tube, PEAK: "400 nm"})["controlled"] is False
    # below 6A002.a.2.a, US 6A992.a.1 (a plate under 25 µm, its own photocathodes) asks its
    # facts: never false there
    below = False if jurisdiction == "EU" else "unknown"
    assert answer({CATHODE: True}, **{**tube, PLATE: "13 µm"})["controlled"] == below
    assert answer({CATHODE: False}, **tube)["controlled"] == below


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(
    ("kind", "code", "name", "met", "unmet"),
    [
        ("microchannel-plate", "6A002.a.2.c.1", PLATE, "12 µm", "12.5 µm"),
        ("electron-sensing-device", "6A002.a.2.c.2", DEVICE, "500 µm", "501 µm"),
    ],
)
def test_image_intensifier_components(
    classify_in: Any, jurisdiction: str, kind: str, code: str, name: str, met: str, unmet: str
) -> None:
    designed = "component-specially-designed-for-image-intensifier-tubes"
    found = classify_in(jurisdiction, _item(kind, {designed: True}, **{name: met}), ON)
    assert found["controlled"] is True and _ids(found) == [f"{jurisdiction}:{code}"]
    unmet_answer = classify_in(jurisdiction, _item(kind, {designed: True}, **{name: unmet}), ON)
    if jurisdiction == "US" and kind == "microchannel-plate":  # US 6A992.a.2 asks its figures
        assert unmet_answer["controlled"] == "unknown"
        assert "US:6A992.a.2" in {e["id"] for e in unmet_answer["possible_entries"]}
    else:
        assert unmet_answer["controlled"] is False
    asked = classify_in(jurisdiction, _item(kind, None, **{name: met}), ON)
    assert asked["controlled"] == "unknown" and designed in asked["missing_facts"]
    other = classify_in(jurisdiction, _item(kind, {designed: False}, **{name: met}), ON)
    assert other["controlled"] is False


REMOTE, NOTE_B1 = "imaging-sensor-designed-for-remote-sensing", "imaging-sensor-not-excluded-by-note-to-6a002b1"  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("kind", ["monospectral-imaging-sensor", "multispectral-imaging-sensor"])
def test_remote_sensing_imaging_sensors(classify_in: Any, jurisdiction: str, kind: str) -> None:
    # 6A002.b.1: IFOV of less than 200 µrad; designed for remote sensing and not taken out by the
    # Note to 6A002.b.1 are asked; 6A002.b.2 stays text (unknown, never false)
    code = f"{jurisdiction}:6A002.b.1"
    facts = {REMOTE: True, NOTE_B1: True}

    def answer(facts: dict[str, bool] | None, ifov: str) -> Any:
        return classify_in(jurisdiction, _item(kind, facts, **{"imaging-sensor-ifov": ifov}), ON)

    fine = answer(facts, "199 µrad")
    assert fine["controlled"] is True and _ids(fine) == [code]
    coarse = answer(facts, "200 µrad")
    assert code not in _ids(coarse)
    # 6A002.b.2 (necessary conditions only): a coarse remote sensing sensor is not decided
    assert coarse["controlled"] == "unknown"
    assert f"{jurisdiction}:6A002.b.2" in {e["id"] for e in coarse["possible_entries"]}
    asked = answer({REMOTE: True}, "100 µrad")
    assert asked["controlled"] == "unknown" and NOTE_B1 in asked["missing_facts"]
    # not designed for remote sensing: neither 6A002.b.1 nor 6A002.b.2 controls it
    assert answer({REMOTE: False, NOTE_B1: True}, "100 µrad")["controlled"] is False
    assert code not in _ids(answer({REMOTE: True, NOTE_B1: False}, "100 µrad"))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_focal_plane_arrays(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.1.d: more than 2,048 elements per array, peak response above 300 nm up to 900 nm
    code, count = f"{jurisdiction}:6A002.a.1.d", "focal-plane-array-element-count"

    def answer(kind: str, **figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, {"space-qualified": True}, **figures), ON)

    met = answer("focal-plane-array", **{PEAK: "900 nm", count: "2049"})
    assert met["controlled"] is True and code in _ids(met)
    for figures in ({PEAK: "900 nm", count: "2048"}, {PEAK: "300 nm", count: "4096"}):
        assert code not in _ids(answer("focal-plane-array", **figures)), figures
    small = answer("focal-plane-array", **{PEAK: "600 nm", count: "2048"})
    assert small["controlled"] is False
    # a solid-state detector that states no element count (not an array) is not decided
    single = answer("solid-state-optical-detector", **{PEAK: "600 nm"})
    assert single["controlled"] == "unknown" and code in {
        e["id"] for e in single["possible_entries"]
    }


TOP, BOTTOM = "optical-transmission-wavelength-max", "optical-transmission-wavelength-min"
VOLUME, DIAMETER = "optical-component-volume", "optical-component-diameter-or-major-axis-length"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_zinc_selenide_and_sulfide_components(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.b: transmission reaching into 3,000-25,000 nm, and more than 100 cm^3, or more than
    # 80 mm (and 20 mm thick): necessary conditions only, so "unknown" when met, never true
    kind, code = "zinc-selenide-or-zinc-sulfide-optical-component", f"{jurisdiction}:6A004.b"

    def answer(**figures: str) -> Any:
        return classify_in(jurisdiction, _item(kind, **{TOP: "21000 nm", BOTTOM: "600 nm", **figures}), ON)  # fmt: skip

    small = answer(**{VOLUME: "100 cm**3", DIAMETER: "80 mm"})
    assert small["controlled"] is False
    for figures, paragraph in (
        ({VOLUME: "101 cm**3", DIAMETER: "50 mm"}, f"{code}.1"),
        ({VOLUME: "50 cm**3", DIAMETER: "81 mm"}, f"{code}.2"),
    ):
        large = answer(**figures)
        assert large["controlled"] == "unknown", figures
        assert paragraph in {e["id"] for e in large["possible_entries"]}
    # a band below 3,000 nm does not reach into the range
    visible = answer(**{TOP: "3000 nm", BOTTOM: "400 nm", VOLUME: "500 cm**3", DIAMETER: "200 mm"})
    assert visible["controlled"] is False


MONO = "video-camera-monochrome-active-pixels-per-array"
THREE, ONE = "video-camera-three-array-colour-active-pixels-per-array", "video-camera-one-array-colour-active-pixels"  # fmt: skip
BROADCAST = "camera-not-specially-designed-for-television-broadcasting"
OPTICS = "video-camera-with-6a004-optics-or-camera-tracking-data"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_solid_state_video_cameras(classify_in: Any, jurisdiction: str) -> None:
    # 6A003.b.1: peak response above 10 nm up to 30,000 nm, more than 4 x 10^6 active pixels per
    # array (monochrome; colour with three arrays) or more than 12 x 10^6 (colour, one array),
    # and 6A004 optics or camera tracking data (a fact); not specially designed for broadcasting
    kind, code = "solid-state-video-camera", f"{jurisdiction}:6A003.b.1"
    facts = {BROADCAST: True, OPTICS: True}

    def answer(facts: dict[str, bool] | None, **figures: str) -> Any:
        base = {PEAK: "550 nm", MONO: "0", THREE: "0", ONE: "0"}
        return classify_in(jurisdiction, _item(kind, facts, **{**base, **figures}), ON)

    for name, over, at in ((MONO, "4000001", "4000000"), (THREE, "4000001", "4000000"), (ONE, "12000001", "12000000")):  # fmt: skip
        met = answer(facts, **{name: over})
        assert met["controlled"] is True and _ids(met) == [code], name
        assert answer(facts, **{name: at})["controlled"] is False, name
    # a one-array colour camera of 8 million pixels is not controlled (12 x 10^6 for its type)
    assert answer(facts, **{ONE: "8000000"})["controlled"] is False
    assert answer(facts, **{MONO: "5000000", PEAK: "31000 nm"})["controlled"] is False
    asked = answer({BROADCAST: True}, **{MONO: "5000000"})
    assert asked["controlled"] == "unknown" and OPTICS in asked["missing_facts"]
    assert answer({BROADCAST: True, OPTICS: False}, **{MONO: "5000000"})["controlled"] is False
    assert answer({BROADCAST: False, OPTICS: True}, **{MONO: "5000000"})["controlled"] is False


GERMANIUM = "focal-plane-array-not-excluded-by-note-to-6a002a3d"
SCAN = "linear-array-scan-ratio-below-3-8-or-signal-processing-in-elements"
ARRAY_FACTS = {"not-space-qualified": True, "focal-plane-array-not-excluded-by-note-2-to-6a002a3": True}  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_linear_focal_plane_arrays_to_3000_nm(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.3.d: linear arrays peaking above 1,200 nm up to 3,000 nm, with a scan ratio below
    # 3.8 or signal processing in the elements (a fact), not germanium arrays of at most 32
    # elements (the Note, a fact)
    kind, code = "linear-focal-plane-array", f"{jurisdiction}:6A002.a.3.d"

    def answer(facts: dict[str, bool], peak: str) -> Any:
        return classify_in(jurisdiction, _item(kind, {**ARRAY_FACTS, **facts}, **{PEAK: peak}), ON)

    met = answer({GERMANIUM: True, SCAN: True}, "2000 nm")
    assert met["controlled"] is True and _ids(met) == [code]
    for peak in ("1200 nm", "3001 nm"):
        assert code not in _ids(answer({GERMANIUM: True, SCAN: True}, peak)), peak
    assert answer({GERMANIUM: True, SCAN: False}, "2000 nm")["controlled"] is False
    assert answer({GERMANIUM: False, SCAN: True}, "2000 nm")["controlled"] is False
    asked = answer({GERMANIUM: True}, "2000 nm")
    assert asked["controlled"] == "unknown" and SCAN in asked["missing_facts"]
    # a linear array peaking at 1,100 nm is not controlled by 6A002.a.3.d (before: text, unknown)
    assert code not in _ids(answer({}, "1100 nm"))


DIGITAL = "imaging-sensor-digital-output"
AIRBORNE = "imaging-sensor-space-qualified-or-airborne-non-silicon-ifov-below-2-5-mrad"
BAND_TOP, BAND_BOTTOM = "imaging-sensor-operating-wavelength-max", "imaging-sensor-operating-wavelength-min"  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_remote_sensing_imaging_sensors_400_to_30000_nm(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A002.b.2: a band reaching into 400-30,000 nm, digital output and (space-qualified, or
    # airborne with other than silicon detectors and an IFOV below 2.5 mrad): necessary conditions,
    # so "unknown" when all are met, never true; false when one fails
    kind, code = "multispectral-imaging-sensor", f"{jurisdiction}:6A002.b.2"
    facts = {REMOTE: True, NOTE_B1: True, DIGITAL: True, AIRBORNE: True}

    def answer(facts: dict[str, bool], top: str, bottom: str) -> Any:
        figures = {"imaging-sensor-ifov": "300 µrad", BAND_TOP: top, BAND_BOTTOM: bottom}
        return classify_in(jurisdiction, _item(kind, facts, **figures), ON)

    met = answer(facts, "1000 nm", "450 nm")
    assert met["controlled"] == "unknown" and code in {e["id"] for e in met["possible_entries"]}
    assert answer(facts, "400 nm", "200 nm")["controlled"] is False  # ultraviolet only
    for fact in (DIGITAL, AIRBORNE):
        assert answer({**facts, fact: False}, "1000 nm", "450 nm")["controlled"] is False, fact
