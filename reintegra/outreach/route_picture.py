"""A day's route of a mobile team as inline SVG, drawn on the server: no map tiles, no script.

A pure module. The base and the stops are placed by an equirectangular projection (longitude
scaled by the cosine of the middle latitude, so that a kilometre east is as long as a kilometre
north within a county), fitted into the viewBox with a margin; lines join them in the order of
the visits, from the base and back to it; each stop carries its number in the order, the base
a square; a scale bar gives a round number of kilometres.

Like the charts (``outcomes/charts.py``) the picture is one image to assistive technology
(``role="img"``), named by its ``<title>`` and described by its ``<desc>``, which lists the
stops in the order of the visits; the table beside it on the page carries the same route.
Text is built as XML elements, so every label is escaped.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
EARTH_RADIUS_M = 6_371_000
WIDTH, HEIGHT, MARGIN = 480, 320, 36
LINE_COLOUR = "#0b4a8b"
BASE_COLOUR = "#a34700"
TEXT_COLOUR = "#212529"
SCALE_STEPS_KM = (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)


@dataclass(frozen=True)
class Point:
    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Words:
    """What the picture says, already translated by the caller."""

    title: str
    description: str  # e.g. "From Zalesie: 1. Borówkowo, 2. Dębowiec, back to Zalesie."
    km: str = "km"


@dataclass(frozen=True)
class Frame:
    """Where the projected points go: metres per viewBox unit and the offsets."""

    scale: float  # viewBox units per metre
    west: float
    north: float
    cos_lat: float
    left: float
    top: float

    def place(self, point: Point) -> tuple[float, float]:
        x, y = _metres(point, self.cos_lat)
        return self.left + (x - self.west) * self.scale, self.top + (self.north - y) * self.scale


def _metres(point: Point, cos_lat: float) -> tuple[float, float]:
    """Metres east of the meridian and north of the equator, equirectangular."""
    x = math.radians(point.longitude) * cos_lat * EARTH_RADIUS_M
    y = math.radians(point.latitude) * EARTH_RADIUS_M
    return x, y


def frame(
    points: Sequence[Point], width: float = WIDTH, height: float = HEIGHT, margin: float = MARGIN
) -> Frame:
    """The projection that fits every point into the box inside the margin, keeping the aspect."""
    if not points:
        raise ValueError("no points to place")
    middle = (min(p.latitude for p in points) + max(p.latitude for p in points)) / 2
    cos_lat = math.cos(math.radians(middle))
    xs, ys = zip(*(_metres(point, cos_lat) for point in points), strict=True)
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    # One point alone (or all in one place) is drawn in the middle at a kilometre's scale.
    scale = min(inner_w / span_x if span_x else math.inf, inner_h / span_y if span_y else math.inf)
    if math.isinf(scale):
        scale = inner_w / 1000
    left = margin + (inner_w - span_x * scale) / 2
    top = margin + (inner_h - span_y * scale) / 2
    return Frame(scale, min(xs), max(ys), cos_lat, left, top)


def scale_bar_km(metres_per_unit: float, longest: float) -> float:
    """The longest round distance whose bar fits in ``longest`` viewBox units."""
    fitting = [km for km in SCALE_STEPS_KM if km * 1000 / metres_per_unit <= longest]
    return fitting[-1] if fitting else SCALE_STEPS_KM[0]


def route_svg(base: Point, stops: Sequence[Point], words: Words, *, key: str = "route") -> str:
    """The route base → stops in order → base, as an SVG element's text."""
    placed = frame([base, *stops])
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": f"{key}-title {key}-desc",
            "class": "route-picture",
            "font-family": FONT_FAMILY,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{key}-title"}).text = words.title
    ET.SubElement(svg, "desc", {"id": f"{key}-desc"}).text = words.description
    ET.SubElement(svg, "rect", {"width": str(WIDTH), "height": str(HEIGHT), "fill": "#f8f9fa"})
    corners = [placed.place(point) for point in (base, *stops, base)]
    if stops:
        ET.SubElement(
            svg,
            "polyline",
            {
                "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in corners),
                "fill": "none",
                "stroke": LINE_COLOUR,
                "stroke-width": "2.5",
                "stroke-linejoin": "round",
            },
        )
    x, y = corners[0]
    ET.SubElement(
        svg,
        "rect",
        {"x": f"{x - 7:.1f}", "y": f"{y - 7:.1f}", "width": "14", "height": "14", "fill": BASE_COLOUR},
    )
    _label(svg, x + 10, y - 8, base.label)
    for number, (stop, (x, y)) in enumerate(zip(stops, corners[1:-1], strict=True), start=1):
        ET.SubElement(svg, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "11", "fill": LINE_COLOUR})
        number_text = ET.SubElement(
            svg,
            "text",
            {
                "x": f"{x:.1f}",
                "y": f"{y + 4:.1f}",
                "text-anchor": "middle",
                "font-size": "12",
                "fill": "#fff",
            },
        )
        number_text.text = str(number)
        _label(svg, x + 14, y - 8, stop.label)
    _scale_bar(svg, placed, words.km)
    return ET.tostring(svg, encoding="unicode")


# About the advance of one character of the 12 px sans-serif labels, to keep them in the picture.
CHAR_WIDTH = 6.6


def label_position(x: float, text: str) -> tuple[float, str]:
    """Where a label of ``text`` beside a point at ``x`` starts or ends so that it stays inside
    the picture: after the point, else before it, else against the right edge."""
    width = len(text) * CHAR_WIDTH
    if x + width <= WIDTH - 2:
        return x, "start"
    if x - 24 - width >= 2:
        return x - 24, "end"
    return max(2.0, WIDTH - 2 - width), "start"


def _label(svg: ET.Element, x: float, y: float, text: str) -> None:
    text = text[:40] + ("…" if len(text) > 40 else "")
    x, anchor = label_position(x, text)
    element = ET.SubElement(
        svg,
        "text",
        {
            "x": f"{x:.1f}",
            "y": f"{max(y, 12):.1f}",
            "font-size": "12",
            "fill": TEXT_COLOUR,
            "text-anchor": anchor,
            "paint-order": "stroke",
            "stroke": "#f8f9fa",
            "stroke-width": "3",
        },
    )
    element.text = text


def _scale_bar(svg: ET.Element, placed: Frame, km_word: str) -> None:
    km = scale_bar_km(1 / placed.scale, WIDTH / 3)
    length = km * 1000 * placed.scale
    x, y = 12.0, HEIGHT - 12.0
    ET.SubElement(
        svg,
        "path",
        {
            "d": f"M{x:.1f} {y - 5:.1f}V{y:.1f}H{x + length:.1f}V{y - 5:.1f}",
            "fill": "none",
            "stroke": TEXT_COLOUR,
        },
    )
    text = ET.SubElement(svg, "text", {"x": f"{x + length + 6:.1f}", "y": f"{y:.1f}", "font-size": "12"})
    text.text = f"{km:g} {km_word}"
