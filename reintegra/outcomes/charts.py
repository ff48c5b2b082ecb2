"""Charts as inline SVG, drawn on the server: no chart library, no script, no CDN. A pure module.

Two kinds serve every dashboard: horizontal bars (a funnel, outcomes by gender, caseloads; one
bar per category, or a group of bars when there are several series) and columns over time (the
months of attendance). Each takes categories and series of counts, or a report table
(``outcomes.tables.Table``: rows are the categories, the chosen columns the series).

What makes them readable without the picture, and without colour:

* the SVG is one image to assistive technology (``role="img"``) named by its ``<title>`` and
  described by its ``<desc>``; the table beside it on the page carries the same numbers;
* every bar has its value printed beside it, every axis its round-number ticks;
* series differ in pattern (solid, stripes, dots, crosses) as well as colour, and the legend
  shows both; every fill has at least 3:1 contrast against the white page (WCAG 1.4.11);
* text is built as XML elements, so every label is escaped; long labels wrap and, past four
  lines, are cut with an ellipsis (whole in a tooltip);
* it is sized by its ``viewBox`` only, so it scales down to a 390 px phone and up to its column.

Sizes are in the viewBox's units. Text widths are estimated (no font metrics on the server),
generously, so labels keep clear of the bars.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reintegra.outcomes.tables import Table

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Fills, each at least 4.5:1 against white so a bar stands out even for low vision; told apart
# also by PATTERNS. Blue, orange, purple, green: distinguishable with the common colour blindnesses.
COLOURS = ("#0b4a8b", "#a34700", "#6b3fa0", "#2d6a2d")
PATTERNS = ("solid", "stripes", "dots", "crosses")
TEXT_COLOUR = "#212529"
AXIS_COLOUR = "#495057"
GRID_COLOUR = "#dee2e6"

WIDTH = 420
FONT = 14
SMALL_FONT = 12
MIN_FONT = 9  # the least a label is shrunk to fit
CHAR = 0.62  # an average character's width in ems, a little over a sans-serif's
LINE = 17  # the height of a line of label text
MAX_LINES = 4
BAR = 18  # a bar's thickness
BAR_GAP = 2  # between the bars of one group
BAND_PADDING = 10  # between groups
LABEL_WIDTH = 160  # the category labels' column of a bar chart
PLOT_HEIGHT = 200  # the columns' area of a column chart
MAX_TICKS = 5

Number = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    """One series of numbers (counts or means), one per category; ``None`` is one not shown
    (suppressed)."""

    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Words:
    """What a chart says, already translated by the caller."""

    title: str
    description: str = ""
    value_axis: str = ""  # what the values count, e.g. "people"
    empty: str = "No data"
    missing: str = "–"  # printed where a value is not shown


def table_series(table: Table, columns: Sequence[str] | None = None) -> tuple[list[str], list[Series]]:
    """A table's rows as the categories and its columns (all, or those named) as the series."""
    labels = dict(table.columns)
    keys = list(columns) if columns is not None else [key for key, _label in table.columns]
    categories = [row.name for row in table.rows]
    series = [Series(labels[key], [row.cells.get(key) for row in table.rows]) for key in keys]
    return categories, series


def table_bar_chart(
    table: Table, words: Words, *, columns: Sequence[str] | None = None, number: Number = str
) -> str:
    categories, series = table_series(table, columns)
    return bar_chart(categories, series, words, key=table.key, number=number)


def table_column_chart(
    table: Table, words: Words, *, columns: Sequence[str] | None = None, number: Number = str
) -> str:
    categories, series = table_series(table, columns)
    return column_chart(categories, series, words, key=table.key, number=number)


# --- Horizontal bars --------------------------------------------------------------------


def bar_chart(
    categories: Sequence[str], series: Sequence[Series], words: Words, *, key: str, number: Number = str
) -> str:
    """Horizontal bars: a row per category, a bar per series in it, the value at its end."""
    canvas = _Canvas(key, words)
    if not categories or not series:
        return canvas.empty()
    top = canvas.legend(series, y=4)
    end, step = axis_scale(_largest(series))
    value_width = _text_width(max((_printed(v, number, words) for s in series for v in s.values), key=len))
    x0 = LABEL_WIDTH + 10
    x1 = WIDTH - value_width - 8
    y = top
    bars = ET.Element("g", {"class": "chart-bars"})
    for index, category in enumerate(categories):
        lines, cut = wrap(category, int(LABEL_WIDTH / (FONT * CHAR)))
        group_height = len(series) * BAR + (len(series) - 1) * BAR_GAP
        band = max(group_height, len(lines) * LINE) + BAND_PADDING
        middle = y + band / 2
        canvas.lines(lines, x=LABEL_WIDTH, middle=middle, anchor="end", whole=category if cut else None)
        bar_y = middle - group_height / 2
        for number_of_series, one in enumerate(series):
            value = one.values[index]
            length = _length(value, end, x1 - x0)
            if length > 0:
                canvas.bar(bars, number_of_series, x0, bar_y, length, BAR)
            canvas.text(_printed(value, number, words), x=x0 + length + 4, y=bar_y + BAR / 2, parent=bars)
            bar_y += BAR + BAR_GAP
        y += band
    bottom = y
    for tick in range(0, end + 1, step):
        x = x0 + (x1 - x0) * tick / end
        canvas.line(x, top, x, bottom, colour=GRID_COLOUR if tick else AXIS_COLOUR)
        canvas.text(number(tick), x=x, y=bottom + 12, anchor="middle", size=SMALL_FONT)
    canvas.svg.append(bars)  # over the grid
    y = bottom + 12 + LINE
    if words.value_axis:
        canvas.text(words.value_axis, x=(x0 + x1) / 2, y=y + 2, anchor="middle", size=SMALL_FONT)
        y += LINE
    return canvas.finish(height=y)


# --- Columns over time ------------------------------------------------------------------


def column_chart(
    categories: Sequence[str], series: Sequence[Series], words: Words, *, key: str, number: Number = str
) -> str:
    """Columns: a slot per category (a month) along the bottom, a column per series in it, the
    value above it (turned upright when it is wider than the column)."""
    canvas = _Canvas(key, words)
    if not categories or not series:
        return canvas.empty()
    top = canvas.legend(series, y=4)
    end, step = axis_scale(_largest(series))
    tick_width = _text_width(number(end), SMALL_FONT)
    x0 = tick_width + 8 + (LINE if words.value_axis else 0)
    x1 = WIDTH - 4
    slot = (x1 - x0) / len(categories)
    column = min(40.0, slot * 0.8 / len(series))
    printed = [[_printed(value, number, words) for value in one.values] for one in series]
    widest = max((_text_width(text, SMALL_FONT) for texts in printed for text in texts), default=0)
    upright = widest > column + 2
    headroom = (widest + 6) if upright else LINE
    y0 = top + headroom
    y1 = y0 + PLOT_HEIGHT
    for tick in range(0, end + 1, step):
        y = y1 - PLOT_HEIGHT * tick / end
        canvas.line(x0, y, x1, y, colour=GRID_COLOUR if tick else AXIS_COLOUR)
        canvas.text(number(tick), x=x0 - 4, y=y, anchor="end", size=SMALL_FONT)
    if words.value_axis:
        middle = (y0 + y1) / 2
        canvas.text(
            words.value_axis, x=LINE / 2, y=middle, anchor="middle", size=SMALL_FONT, turn=(LINE / 2, middle)
        )
    columns = ET.Element("g", {"class": "chart-bars"})
    # The labels' size: small enough that each word fits its slot (a year, a short month), if
    # it can be read at all; a longer word is broken.
    longest = max((len(word) for category in categories for word in category.split()), default=1)
    label_size = max(MIN_FONT, min(SMALL_FONT, slot * 0.85 / (longest * CHAR)))
    label_chars = max(3, int(slot / (label_size * CHAR)))
    lowest = y1
    for index, category in enumerate(categories):
        left = x0 + slot * index + (slot - column * len(series)) / 2
        for number_of_series, one in enumerate(series):
            x = left + column * number_of_series
            height = _length(one.values[index], end, PLOT_HEIGHT)
            if height > 0:
                canvas.bar(columns, number_of_series, x, y1 - height, column, height)
            text, middle = printed[number_of_series][index], x + column / 2
            if upright:
                canvas.text(
                    text,
                    x=middle,
                    y=y1 - height - 4,
                    size=SMALL_FONT,
                    turn=(middle, y1 - height - 4),
                    parent=columns,
                )
            else:
                canvas.text(
                    text, x=middle, y=y1 - height - 8, anchor="middle", size=SMALL_FONT, parent=columns
                )
        lines, cut = wrap(category, label_chars, max_lines=2)
        centre = x0 + slot * (index + 0.5)
        first = y1 + 4 + LINE / 2
        canvas.lines(
            lines,
            x=centre,
            middle=first + (len(lines) - 1) * LINE / 2,
            anchor="middle",
            size=label_size,
            whole=category if cut else None,
        )
        lowest = max(lowest, first + len(lines) * LINE)
    canvas.svg.append(columns)
    return canvas.finish(height=lowest + 4)


# --- Arithmetic -------------------------------------------------------------------------


def axis_scale(largest: int) -> tuple[int, int]:
    """The axis's end and its ticks' step: a round step (1, 2 or 5 times a power of ten), at
    most ``MAX_TICKS`` steps, the end the first tick at or past the largest value (at least 1)."""
    largest = max(largest, 1)
    step = 1
    while math.ceil(largest / step) > MAX_TICKS:
        step = _next_round(step)
    return step * math.ceil(largest / step), step


def _next_round(step: int) -> int:
    leading = int(str(step)[0])
    return step * 5 // 2 if leading == 2 else step * 2


def wrap(text: str, width: int, *, max_lines: int = MAX_LINES) -> tuple[list[str], bool]:
    """The text in lines of at most ``width`` characters, broken between words (a longer word
    is broken inside); past ``max_lines`` the last is cut with an ellipsis. Also says whether
    it was cut."""
    width = max(width, 2)
    lines: list[str] = []
    for word in text.split():
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines or [""], False
    kept = lines[:max_lines]
    kept[-1] = kept[-1][: width - 1].rstrip() + "…"
    return kept, True


def _largest(series: Sequence[Series]) -> int:
    """The largest value, rounded up: the axis's ticks are whole numbers."""
    return math.ceil(max((value or 0 for one in series for value in one.values), default=0))


def _length(value: float | None, end: int, full: float) -> float:
    return full * max(value or 0, 0) / end


def _printed(value: float | None, number: Number, words: Words) -> str:
    return words.missing if value is None else number(value)


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR


def _n(value: float) -> str:
    """A coordinate as written: at most one decimal, no trailing zero."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


# --- Drawing ----------------------------------------------------------------------------


class _Canvas:
    """An SVG document being drawn: the accessible name and description first, the patterns
    of the series, then what the chart draws on it."""

    def __init__(self, key: str, words: Words) -> None:
        self.id = "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)
        self.words = words
        self.svg = ET.Element(
            "svg",
            {
                "xmlns": SVG_NAMESPACE,
                "role": "img",
                "class": "chart-svg",
                "font-family": FONT_FAMILY,
                "font-size": str(FONT),
                "fill": TEXT_COLOUR,
            },
        )
        labelled_by = [f"{self.id}-title"]
        ET.SubElement(self.svg, "title", {"id": f"{self.id}-title"}).text = words.title
        if words.description:
            ET.SubElement(self.svg, "desc", {"id": f"{self.id}-desc"}).text = words.description
            labelled_by.append(f"{self.id}-desc")
        self.svg.set("aria-labelledby", " ".join(labelled_by))
        self.defs = ET.SubElement(self.svg, "defs")
        self.patterns: set[int] = set()

    def empty(self) -> str:
        self.text(self.words.empty, x=WIDTH / 2, y=30, anchor="middle")
        return self.finish(height=60)

    def finish(self, *, height: float) -> str:
        self.svg.set("viewBox", f"0 0 {WIDTH} {_n(math.ceil(height))}")
        if not len(self.defs):
            self.svg.remove(self.defs)
        return ET.tostring(self.svg, encoding="unicode")

    def fill(self, number_of_series: int) -> str:
        """The fill of a series: its colour, with its pattern from the second series on."""
        index = number_of_series % len(COLOURS)
        colour, pattern = COLOURS[index], PATTERNS[index]
        if pattern == "solid":
            return colour
        pattern_id = f"{self.id}-pattern-{index}"
        if index not in self.patterns:
            self.patterns.add(index)
            self._pattern(pattern_id, colour, pattern)
        return f"url(#{pattern_id})"

    def _pattern(self, pattern_id: str, colour: str, kind: str) -> None:
        attributes = {"id": pattern_id, "width": "6", "height": "6", "patternUnits": "userSpaceOnUse"}
        if kind == "stripes":
            attributes["patternTransform"] = "rotate(45)"
        tile = ET.SubElement(self.defs, "pattern", attributes)
        ET.SubElement(tile, "rect", {"width": "6", "height": "6", "fill": colour})
        if kind == "stripes":
            ET.SubElement(tile, "rect", {"width": "2", "height": "6", "fill": "#fff"})
        elif kind == "dots":
            ET.SubElement(tile, "circle", {"cx": "3", "cy": "3", "r": "1.3", "fill": "#fff"})
        else:
            ET.SubElement(tile, "path", {"d": "M0 3H6M3 0V6", "stroke": "#fff", "stroke-width": "1.2"})

    def bar(
        self, parent: ET.Element, number_of_series: int, x: float, y: float, width: float, height: float
    ) -> None:
        colour = COLOURS[number_of_series % len(COLOURS)]
        attributes = {
            "x": _n(x),
            "y": _n(y),
            "width": _n(width),
            "height": _n(height),
            "fill": self.fill(number_of_series),
            "stroke": colour,
            "class": "chart-bar",
            "data-series": str(number_of_series),
        }
        ET.SubElement(parent, "rect", attributes)

    def legend(self, series: Sequence[Series], *, y: float) -> float:
        """The series' swatches and names, in rows across the top; where the chart starts below."""
        if len(series) < 2:
            return y + 4
        x = 4.0
        row = y
        for number_of_series, one in enumerate(series):
            width = 18 + _text_width(one.label, SMALL_FONT) + 14
            if x > 4 and x + width > WIDTH:
                x, row = 4.0, row + LINE + 4
            swatch = {"x": _n(x), "y": _n(row), "width": "14", "height": "14"}
            colour = COLOURS[number_of_series % len(COLOURS)]
            ET.SubElement(self.svg, "rect", swatch | {"fill": self.fill(number_of_series), "stroke": colour})
            self.text(one.label, x=x + 18, y=row + 7, size=SMALL_FONT)
            x += width
        return row + LINE + 12

    def text(
        self,
        text: str,
        *,
        x: float,
        y: float,
        anchor: str = "start",
        size: float = FONT,
        turn: tuple[float, float] | None = None,
        parent: ET.Element | None = None,
    ) -> ET.Element:
        attributes = {"x": _n(x), "y": _n(y), "dominant-baseline": "central"}
        if anchor != "start":
            attributes["text-anchor"] = anchor
        if size != FONT:
            attributes["font-size"] = _n(size)
        if turn is not None:
            attributes["transform"] = f"rotate(-90 {_n(turn[0])} {_n(turn[1])})"
        element = ET.SubElement(self.svg if parent is None else parent, "text", attributes)
        element.text = text
        return element

    def lines(
        self,
        lines: list[str],
        *,
        x: float,
        middle: float,
        anchor: str,
        size: float = FONT,
        whole: str | None = None,
    ) -> None:
        """Lines of a label centred on ``middle``; a cut label keeps its whole text as a tooltip."""
        first = middle - (len(lines) - 1) * LINE / 2
        group = ET.SubElement(self.svg, "g", {"class": "chart-label"})
        if whole is not None:
            ET.SubElement(group, "title").text = whole
        for number_of_line, line in enumerate(lines):
            self.text(line, x=x, y=first + number_of_line * LINE, anchor=anchor, size=size, parent=group)

    def line(self, x1: float, y1: float, x2: float, y2: float, *, colour: str) -> None:
        attributes = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2), "stroke": colour}
        ET.SubElement(self.svg, "line", attributes)
