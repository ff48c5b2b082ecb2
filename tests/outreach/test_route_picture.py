"""The route picture: the projection keeps distances true within a county, labels are escaped,
the picture names its stops in order."""

import math
import xml.etree.ElementTree as ET

import pytest

from reintegra.outreach.route_picture import (
    CHAR_WIDTH,
    HEIGHT,
    MARGIN,
    WIDTH,
    Point,
    Words,
    frame,
    label_position,
    route_svg,
    scale_bar_km,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
BASE = Point("PUP Zalesie", 52.80, 21.00)


def test_a_kilometre_east_is_as_long_as_a_kilometre_north():
    north = Point("N", 52.80 + 10 / 111.195, 21.00)  # 10 km north
    east = Point("E", 52.80, 21.00 + 10 / (111.195 * math.cos(math.radians(52.80 + 5 / 111.195))))
    placed = frame([BASE, north, east])
    bx, by = placed.place(BASE)
    _nx, ny = placed.place(north)
    ex, _ey = placed.place(east)
    assert math.isclose(by - ny, ex - bx, rel_tol=0.01)


def test_every_point_falls_inside_the_margin():
    points = [BASE, Point("A", 52.95, 21.30), Point("B", 52.70, 20.80), Point("C", 52.85, 21.10)]
    placed = frame(points)
    for point in points:
        x, y = placed.place(point)
        assert MARGIN - 0.01 <= x <= WIDTH - MARGIN + 0.01
        assert MARGIN - 0.01 <= y <= HEIGHT - MARGIN + 0.01


def test_north_is_up():
    placed = frame([BASE, Point("A", 52.9, 21.0)])
    assert placed.place(Point("A", 52.9, 21.0))[1] < placed.place(BASE)[1]


def test_one_point_alone_is_drawn_in_the_middle():
    x, y = frame([BASE]).place(BASE)
    assert (x, y) == (WIDTH / 2, HEIGHT / 2)


def test_the_scale_bar_is_a_round_distance_that_fits():
    assert scale_bar_km(100, 160) == 10  # 160 units = 16 km: the bar is 10 km
    assert scale_bar_km(10, 160) == 1


def test_the_picture_is_an_image_named_by_its_stops_in_order():
    stops = [Point("Borówkowo", 52.9, 21.1), Point("Dębowiec", 52.7, 21.2)]
    words = Words("Route on Monday", "From PUP Zalesie: 1. Borówkowo, 2. Dębowiec, back.")
    svg = ET.fromstring(route_svg(BASE, stops, words))  # noqa: S314 - our own output
    assert svg.get("role") == "img"
    title, desc, line = svg.find("svg:title", NS), svg.find("svg:desc", NS), svg.find("svg:polyline", NS)
    assert title is not None
    assert title.text == "Route on Monday"
    assert desc is not None
    assert "1. Borówkowo, 2. Dębowiec" in (desc.text or "")
    numbers = [text.text for text in svg.iterfind("svg:text", NS) if text.text in {"1", "2"}]
    assert numbers == ["1", "2"]
    assert line is not None
    assert len((line.get("points") or "").split()) == 4  # base, 2 stops, base


def test_labels_are_escaped():
    hall = Point('<script>alert("x")</script> & Co', 52.9, 21.1)
    text = route_svg(BASE, [hall], Words("<b>title</b>", "desc & more"))
    assert "<script>" not in text
    assert "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "&amp; Co" in text
    ET.fromstring(text)  # noqa: S314 - our own output, well-formed


@pytest.mark.parametrize("x", [0, 100, 240, 330, 420, 470])
@pytest.mark.parametrize("name", ["Świetlica", "Świetlica wiejska w Woli Jarzębińskiej", "Ś" * 40 + "…"])
def test_a_label_stays_inside_the_picture_wherever_its_point_is(x: float, name: str) -> None:
    at, anchor = label_position(x, name)
    width = len(name) * CHAR_WIDTH
    start = at if anchor == "start" else at - width

    assert start >= 0
    assert start + width <= WIDTH
