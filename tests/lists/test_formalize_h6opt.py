"""Category 6 optics read from the official texts (families.csv, phrases.csv): beam steering
mirror stages (6A004.d.2.a), deformable mirrors (6A004.a.1), mirrors for beam steering mirror
stages (6A004.a.4), image intensifier tubes and their components (6A002.a.2.a, .b, .c.1, .c.2;
the photocathodes of 6A002.a.2.a.3 a required fact), remote sensing imaging sensors (6A002.b.1;
6A002.b.2 as necessary conditions), space-qualified focal plane arrays (6A002.a.1.d), zinc selenide and zinc
sulfide optical components (6A004.b, necessary conditions only), solid state video cameras
(6A003.b.1), linear focal plane arrays to 3,000 nm (6A002.a.3.d). Each paragraph's criteria are
the comparators, values and units its own words state, in each list's spelling; the expected
values below were written from ontology/sources/, not from the formalizer. Also the reader: a
root ending "and “specially designed” electronic control equipment therefor" (another kind),
"all the following" without "of", and a power of ten written with the letter x (US "4 x 10^6")."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import _TAIL

from tests.lists.formal import criterion, ways

ROOTS = (
    "6A004.d.2.a",
    "6A004.a.1",
    "6A004.a.4",
    "6A002.a.2",
    "6A002.b",
    "6A002.a.1.d",
    "6A004.b",
    "6A003.b.1",
    "6A002.a.3.d",
)
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_beam_steering_mirror_stages(found: Found, jurisdiction: str) -> None:
    # 6A004.d.2.a "Beam steering mirror stages designed to carry mirrors having diameter or major
    # axis length greater than 50 mm and having all of the following, and “specially designed”
    # electronic control equipment therefor: 1. A maximum angular travel of ±26 mrad or more;
    # 2. A mechanical resonant frequency of 500 Hz or more; and 3. An angular “accuracy” of
    # 10 µrad (microradians) or less (better)" (EU: μrad, the Greek mu)
    entry = found[(jurisdiction, "6A004.d.2.a")]
    assert entry.text_only is None and entry.requires_facts == ()
    assert entry.kinds == ("beam-steering-mirror-stage",)
    assert ways(entry) == {
        frozenset({
            criterion("beam-steering-stage-mirror-diameter-or-major-axis-length", ">", "50", "MilliM"),
            criterion("beam-steering-stage-maximum-angular-travel", ">=", "26", "MilliRAD"),
            criterion("beam-steering-stage-mechanical-resonant-frequency", ">=", "500", "HZ"),
            criterion("beam-steering-stage-angular-accuracy", "<=", "10", "MicroRAD"),
        })
    }  # fmt: skip
    assert {c.paragraph for c in entry.criteria} == {
        "6A004.d.2.a", "6A004.d.2.a.1", "6A004.d.2.a.2", "6A004.d.2.a.3",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("words", "mode"),
    [
        ("having all of the following, and specially designed electronic control equipment therefor", "all"),
        ("having any of the following, and “specially designed” “components” therefor", "any"),
        ("Having all the following", "all"),
        ("having any of the following", "any"),
    ],
)  # fmt: skip
def test_the_tail_the_reader_takes(words: str, mode: str) -> None:
    tail = _TAIL.search(f"Mirrors of some kind {words}")
    assert tail is not None and tail.group("mode").lower() == mode


def test_other_equipment_therefor_is_not_a_tail() -> None:
    # only the components or the electronic control equipment are another kind's words
    assert _TAIL.search("Stages having all of the following, and specially designed lasers therefor") is None  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_deformable_mirrors(found: Found, jurisdiction: str) -> None:
    # 6A004.a.1 "'Deformable mirrors' having an active optical aperture greater than 10 mm and
    # having any of the following, and “specially designed” components therefor: a. Having all
    # the following: 1. A mechanical resonant frequency of 750 Hz or more; and 2. More than 200
    # actuators; or b. A Laser Induced Damage Threshold (LIDT) being any of the following:
    # 1. Greater than 1 kW/cm^2 [EU: kW/ cm2] using a “CW laser”; or 2. Greater than 2 J/cm^2
    # [EU: J/ cm2] using 20 ns “laser” pulses at 20 Hz repetition rate"
    aperture = criterion("deformable-mirror-active-optical-aperture", ">", "10", "MilliM")
    group = found[(jurisdiction, "6A004.a.1")]
    assert group.group and group.kinds == ("deformable-mirror",) and group.requires_facts == ()
    resonant = found[(jurisdiction, "6A004.a.1.a")]
    assert resonant.text_only is None
    assert ways(resonant) == {
        frozenset({
            aperture,
            criterion("deformable-mirror-mechanical-resonant-frequency", ">=", "750", "HZ"),
            criterion("deformable-mirror-actuator-count", ">", "200", "NUM"),
        })
    }  # fmt: skip
    assert found[(jurisdiction, "6A004.a.1.b")].group
    cw = found[(jurisdiction, "6A004.a.1.b.1")]
    pulsed = found[(jurisdiction, "6A004.a.1.b.2")]
    assert cw.text_only is None and pulsed.text_only is None
    assert ways(cw) == {
        frozenset({
            aperture,
            criterion("mirror-cw-laser-induced-damage-threshold", ">", "1", "KiloW-PER-CentiM2"),
        })
    }  # fmt: skip
    assert ways(pulsed) == {
        frozenset({
            aperture,
            criterion("mirror-pulsed-laser-induced-damage-threshold", ">", "2", "J-PER-CentiM2"),
        })
    }  # fmt: skip


STEERING_FACTS = (
    "mirror-specially-designed-for-6a004d2a-beam-steering-stages",
    "mirror-flatness-lambda-over-10-at-633-nm-or-better",
)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_mirrors_for_beam_steering_stages(found: Found, jurisdiction: str) -> None:
    # 6A004.a.4 "Mirrors “specially designed” for beam steering mirror stages specified in
    # 6A004.d.2.a with a flatness of λ/10 or better (λ is equal to 633 nm)and having any of the
    # following: a. Diameter or major axis length greater than or equal to 100 mm; or b. Having
    # all of the following: 1. Diameter or major axis length greater than 50 mm but less than
    # 100 mm; and 2. A Laser Induced Damage Threshold (LIDT) being any of the following: a. Greater
    # than 10 kW/cm2 using a “CW laser”; or b. Greater than 20 J/cm2 using 20 ns “laser” pulses at
    # 20 Hz repetition rate"
    size = "beam-steering-mirror-diameter-or-major-axis-length"
    group = found[(jurisdiction, "6A004.a.4")]
    assert group.group and group.kinds == ("beam-steering-mirror",)
    # "specially designed" for the stages and the flatness are facts asked
    assert group.requires_facts == STEERING_FACTS
    large = found[(jurisdiction, "6A004.a.4.a")]
    assert large.text_only is None and large.requires_facts == STEERING_FACTS
    assert ways(large) == {frozenset({criterion(size, ">=", "100", "MilliM")})}
    middle = found[(jurisdiction, "6A004.a.4.b")]
    assert middle.text_only is None
    between = {criterion(size, ">", "50", "MilliM"), criterion(size, "<", "100", "MilliM")}
    assert ways(middle) == {
        frozenset({*between, criterion("mirror-cw-laser-induced-damage-threshold", ">", "10", "KiloW-PER-CentiM2")}),
        frozenset({*between, criterion("mirror-pulsed-laser-induced-damage-threshold", ">", "20", "J-PER-CentiM2")}),
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_image_intensifier_tubes_beyond_1050_nm(found: Found, jurisdiction: str) -> None:
    # 6A002.a.2.b "Image intensifier tubes having all of the following: 1. A peak response in
    # the wavelength range exceeding 1,050 nm but not exceeding 1,800 nm [EU: 1050, 1800];
    # 2. Electron image amplification using any of the following: a. A microchannel plate with a
    # hole pitch (center-to-center [EU: centre-to-centre] spacing) of 12 µm or less; or b. An
    # electron sensing device with a non-binned pixel pitch of 500 µm or less, “specially
    # designed” or modified to achieve 'charge multiplication' other than by a microchannel
    # plate; and 3. “III/V compound” semiconductor (e.g., GaAs or GaInAs) photocathodes and
    # transferred electron photocathodes, having a maximum “radiant sensitivity” exceeding
    # 15 mA/W"
    entry = found[(jurisdiction, "6A002.a.2.b")]
    assert entry.text_only is None and entry.requires_facts == ()
    assert entry.kinds == ("image-intensifier-tube",)
    common = {
        criterion("detector-peak-response-wavelength", ">", "1050", "NanoM"),
        criterion("detector-peak-response-wavelength", "<=", "1800", "NanoM"),
        criterion("image-intensifier-photocathode-radiant-sensitivity", ">", "15", "MilliA-PER-W"),
    }
    assert ways(entry) == {
        frozenset({*common, criterion("microchannel-plate-hole-pitch", "<=", "12", "MicroM")}),
        frozenset({*common, criterion("charge-multiplication-electron-sensing-device-pixel-pitch", "<=", "500", "MicroM")}),
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_image_intensifier_components(found: Found, jurisdiction: str) -> None:
    # 6A002.a.2.c "“Specially designed” “components” as follows: 1. Microchannel plates having a
    # hole pitch (center-to-center spacing) of 12 µm or less; 2. An electron sensing device with
    # a non-binned pixel pitch of 500 µm or less, “specially designed” or modified to achieve
    # 'charge multiplication' other than by a microchannel plate"
    designed = ("component-specially-designed-for-image-intensifier-tubes",)
    plate = found[(jurisdiction, "6A002.a.2.c.1")]
    assert plate.text_only is None and plate.requires_facts == designed
    assert plate.kinds == ("microchannel-plate",)
    assert ways(plate) == {frozenset({criterion("microchannel-plate-hole-pitch", "<=", "12", "MicroM")})}  # fmt: skip
    device = found[(jurisdiction, "6A002.a.2.c.2")]
    assert device.text_only is None and device.requires_facts == designed
    assert device.kinds == ("electron-sensing-device",)
    assert ways(device) == {
        frozenset({criterion("charge-multiplication-electron-sensing-device-pixel-pitch", "<=", "500", "MicroM")})
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_image_intensifier_tubes_to_1050_nm(found: Found, jurisdiction: str) -> None:
    # 6A002.a.2.a "Image intensifier tubes having all of the following: 1. A peak response in the
    # wavelength range exceeding 400 nm but not exceeding 1,050 nm [EU: 1050]; 2. Electron image
    # amplification using any of the following: [as 6A002.a.2.b.2]; and 3. Any of the following
    # photocathodes: [multialkali above 350 µA/lm; GaAs or GaInAs; other III-V above 10 mA/W]":
    # the photocathodes (a material among alternatives) are one required fact
    entry = found[(jurisdiction, "6A002.a.2.a")]
    assert entry.text_only is None and entry.kinds == ("image-intensifier-tube",)
    assert entry.requires_facts == ("image-intensifier-photocathode-listed-in-6a002a2a3",)
    peak = {
        criterion("detector-peak-response-wavelength", ">", "400", "NanoM"),
        criterion("detector-peak-response-wavelength", "<=", "1050", "NanoM"),
    }
    assert ways(entry) == {
        frozenset({*peak, criterion("microchannel-plate-hole-pitch", "<=", "12", "MicroM")}),
        frozenset({*peak, criterion("charge-multiplication-electron-sensing-device-pixel-pitch", "<=", "500", "MicroM")}),
    }  # fmt: skip
    # the photocathode paragraph's words are the fact's, not criteria
    assert not [c for c in entry.criteria if c.paragraph.startswith("6A002.a.2.a.3")]


REMOTE = (
    "imaging-sensor-designed-for-remote-sensing",
    "imaging-sensor-not-excluded-by-note-to-6a002b1",
)
SENSORS = ("monospectral-imaging-sensor", "multispectral-imaging-sensor")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_remote_sensing_imaging_sensors(found: Found, jurisdiction: str) -> None:
    # 6A002.b "“Monospectral imaging sensors” and “multispectral imaging sensors”, designed for
    # remote sensing applications and having any of the following: 1. An
    # Instantaneous-Field-Of-View (IFOV) [EU: Instantaneous Field of View] of less than 200 µrad
    # (microradians)"; the Note to 6A002.b.1 (some monospectral CCD/CMOS sensors) is a fact
    entry = found[(jurisdiction, "6A002.b.1")]
    assert entry.text_only is None and entry.kinds == SENSORS
    assert entry.requires_facts == REMOTE
    assert ways(entry) == {frozenset({criterion("imaging-sensor-ifov", "<", "200", "MicroRAD")})}
    # 6A002.b.2 "Specified for operation in the wavelength range exceeding 400 nm but not
    # exceeding 30,000 nm [EU: 30000] and having all the following; a. Providing output imaging
    # data in digital format; and b. Having any of the following characteristics: [“Space-
    # qualified”; or airborne, other than silicon detectors and an IFOV of less than 2.5 mrad]":
    # both sub-paragraphs are facts (the reader returns the paragraph's own conditions when all
    # its sub-paragraphs are), and the band is a necessary condition only (the family's gap)
    band = found[(jurisdiction, "6A002.b.2")]
    assert band.kinds == SENSORS
    assert band.text_only and "does not say whether a sensor specified for a band" in band.text_only
    assert band.requires_facts == (
        REMOTE[0],
        "imaging-sensor-digital-output",
        "imaging-sensor-space-qualified-or-airborne-non-silicon-ifov-below-2-5-mrad",
    )
    assert ways(band) == {
        frozenset({
            criterion("imaging-sensor-operating-wavelength-max", ">", "400", "NanoM"),
            criterion("imaging-sensor-operating-wavelength-min", "<=", "30000", "NanoM"),
        })
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_focal_plane_arrays(found: Found, jurisdiction: str) -> None:
    # 6A002.a.1.d "“Space-qualified” “focal plane arrays” having more than 2,048 [EU: 2048]
    # elements per array and having a peak response in the wavelength range exceeding 300 nm
    # but not exceeding 900 nm"
    entry = found[(jurisdiction, "6A002.a.1.d")]
    assert entry.text_only is None and entry.requires_facts == ("space-qualified",)
    peak = "detector-peak-response-wavelength"
    assert ways(entry) == {
        frozenset({
            criterion("focal-plane-array-element-count", ">", "2048", "NUM"),
            criterion(peak, ">", "300", "NanoM"),
            criterion(peak, "<=", "900", "NanoM"),
        })
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_zinc_selenide_and_sulfide_components(found: Found, jurisdiction: str) -> None:
    # 6A004.b "Optical “components” made from zinc selenide (ZnSe) or zinc sulfide [EU: sulphide]
    # (ZnS) with transmission in the wavelength range exceeding 3,000 nm but not exceeding
    # 25,000 nm [EU: 3000, 25000] and having any of the following: 1. Exceeding 100 cm^3 [EU: cm3]
    # in volume; or 2. Exceeding 80 mm in diameter or length of major axis and 20 mm in thickness
    # (depth)"; the range is the transmission band reaching into it, and each entry is a
    # necessary condition only (the family's gap): never "controlled" from the figures
    band = {
        criterion("optical-transmission-wavelength-max", ">", "3000", "NanoM"),
        criterion("optical-transmission-wavelength-min", "<=", "25000", "NanoM"),
    }
    assert found[(jurisdiction, "6A004.b")].group
    volume = found[(jurisdiction, "6A004.b.1")]
    size = found[(jurisdiction, "6A004.b.2")]
    for entry in (volume, size):
        assert entry.kinds == ("zinc-selenide-or-zinc-sulfide-optical-component",)
        assert entry.text_only and "without a comparator of its own" in entry.text_only
    assert ways(volume) == {frozenset({*band, criterion("optical-component-volume", ">", "100", "CentiM3")})}  # fmt: skip
    assert ways(size) == {
        frozenset({*band, criterion("optical-component-diameter-or-major-axis-length", ">", "80", "MilliM")})
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_solid_state_video_cameras(found: Found, jurisdiction: str) -> None:
    # 6A003.b.1 "Video cameras incorporating solid state [EU: solid-state] sensors, having a peak
    # response in the wavelength range exceeding 10 nm, but not exceeding 30,000 nm [EU: 30000]
    # and having all of the following: a. Having any of the following: 1. More than 4 x 10^6
    # [EU: 4 × 106] “active pixels” per solid state array for monochrome (black and white)
    # cameras; 2. More than 4 x 10^6 “active pixels” per solid state array for color [EU: colour]
    # cameras incorporating three solid state arrays; or 3. More than 12 x 10^6 “active pixels”
    # for solid state array color cameras incorporating one solid state array; and b. Having
    # any of the following: [6A004 mirrors or control equipment, or camera tracking data]"
    entry = found[(jurisdiction, "6A003.b.1")]
    assert entry.text_only is None and entry.kinds == ("solid-state-video-camera",)
    assert entry.requires_facts == (
        "camera-not-specially-designed-for-television-broadcasting",
        "video-camera-with-6a004-optics-or-camera-tracking-data",
    )
    peak = {
        criterion("detector-peak-response-wavelength", ">", "10", "NanoM"),
        criterion("detector-peak-response-wavelength", "<=", "30000", "NanoM"),
    }
    assert ways(entry) == {
        frozenset({*peak, criterion("video-camera-monochrome-active-pixels-per-array", ">", "4000000", "NUM")}),
        frozenset({*peak, criterion("video-camera-three-array-colour-active-pixels-per-array", ">", "4000000", "NUM")}),
        frozenset({*peak, criterion("video-camera-one-array-colour-active-pixels", ">", "12000000", "NUM")}),
    }  # fmt: skip
    written = {c.written for c in entry.criteria if c.parameter.startswith("video-camera")}
    assert written == (
        {"4 x 10^6", "12 x 10^6"} if jurisdiction == "US" else {"4 × 106", "12 × 106"}
    )


@pytest.mark.parametrize(
    ("words", "jurisdiction", "value"),
    [("4 x 10^6", "US", "4000000"), ("4 × 10^6", "US", "4000000"), ("12 × 106", "EU", "12000000")],
)
def test_a_power_of_ten_with_the_letter_x(words: str, jurisdiction: str, value: str) -> None:
    match = re.fullmatch(formalize.NUMBER, words)
    assert match is not None and match.group("mantissa")
    found = formalize.written_value(
        None, match.group("mantissa"), match.group("exponent"), jurisdiction
    )
    assert found == Decimal(value)
    # "x 100" is not a power of ten: no exponent is read after "10" and a space
    assert re.fullmatch(formalize.NUMBER, "5 x 10") is None


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_linear_focal_plane_arrays_to_3000_nm(found: Found, jurisdiction: str) -> None:
    # 6A002.a.3.d "Non-“space-qualified” linear (1-dimensional) “focal plane arrays” having all
    # of the following: 1. Individual elements with a peak response in the wavelength range
    # exceeding 1,200 nm but not exceeding 3,000 nm [EU: 1200, 3000]; and 2. Any of the
    # following: a. A ratio of 'scan direction' dimension … of less than 3.8; or b. Signal
    # processing in the detector elements" (6A002.a.3.d.2: a fact); its Note on germanium arrays
    # of at most 32 elements is a fact
    entry = found[(jurisdiction, "6A002.a.3.d")]
    assert entry.text_only is None and entry.kinds == ("linear-focal-plane-array",)
    assert entry.excluded_kinds == ("microbolometer-focal-plane-array",)
    assert entry.requires_facts == (
        "not-space-qualified",
        "focal-plane-array-not-excluded-by-note-2-to-6a002a3",
        "focal-plane-array-not-excluded-by-note-to-6a002a3d",
        "linear-array-scan-ratio-below-3-8-or-signal-processing-in-elements",
    )
    assert ways(entry) == {
        frozenset({
            criterion("detector-peak-response-wavelength", ">", "1200", "NanoM"),
            criterion("detector-peak-response-wavelength", "<=", "3000", "NanoM"),
        })
    }  # fmt: skip
