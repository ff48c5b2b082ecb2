"""The server-drawn charts: well-formed SVG an assistive technology reads as one named image,
bars as long as their values, every label escaped, and nothing broken by zeros, gaps, an empty
table or a long Polish label."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from reintegra.outcomes import charts
from reintegra.outcomes.charts import Series, Words
from reintegra.outcomes.tables import Row, Table

NS = "{http://www.w3.org/2000/svg}"
WORDS = Words(title="Lejek programu", description="Te same liczby są w tabeli obok.", value_axis="osoby")


def parsed(svg: str) -> ET.Element:
    # Raises on anything that is not well-formed XML; the text is our own output, not a stranger's.
    return ET.fromstring(svg)  # noqa: S314


def bars(svg: str) -> list[ET.Element]:
    return [rect for rect in parsed(svg).iter(f"{NS}rect") if rect.get("class") == "chart-bar"]


def printed_values(svg: str) -> list[str]:
    """The values printed beside the bars (in the group that holds the bars)."""
    group = next(g for g in parsed(svg).iter(f"{NS}g") if g.get("class") == "chart-bars")
    return [element.text or "" for element in group.iter(f"{NS}text")]


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in parsed(svg).iter(f"{NS}text")]


def test_a_chart_is_one_image_named_by_its_title_and_described() -> None:
    svg = charts.bar_chart(["Zgłosili się"], [Series("osoby", [3])], WORDS, key="funnel")
    root = parsed(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None
    assert title.text == "Lejek programu"
    assert desc is not None
    assert desc.text == "Te same liczby są w tabeli obok."
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_a_chart_is_sized_by_its_view_box_only_so_it_scales_to_a_phone() -> None:
    root = parsed(charts.bar_chart(["a"], [Series("osoby", [3])], WORDS, key="funnel"))
    assert re.fullmatch(rf"0 0 {charts.WIDTH} \d+", root.get("viewBox") or "")
    assert root.get("width") is None
    assert root.get("height") is None


def test_bars_are_as_long_as_their_values() -> None:
    svg = charts.bar_chart(["a", "b", "c"], [Series("osoby", [40, 25, 7])], WORDS, key="funnel")
    widths = [float(rect.get("width") or 0) for rect in bars(svg)]
    # The axis ends at 40 (ticks every 10), so 40 fills the plot and the others are shares of it.
    # Written to a tenth of a unit.
    assert abs(widths[1] / widths[0] - 25 / 40) < 0.001
    assert abs(widths[2] / widths[0] - 7 / 40) < 0.001
    assert printed_values(svg) == ["40", "25", "7"]


def test_the_value_axis_has_round_ticks_and_its_name() -> None:
    svg = charts.bar_chart(["a"], [Series("osoby", [40])], WORDS, key="funnel")
    assert {"0", "10", "20", "30", "40", "osoby"} <= set(texts(svg))


def test_columns_are_as_tall_as_their_values_and_one_slot_a_month() -> None:
    months = ["sty 2026", "lut 2026", "mar 2026"]
    svg = charts.column_chart(
        months, [Series("obecności", [30, 15, 0]), Series("osoby", [10, 5, 0])], WORDS, key="attendance"
    )
    heights = {(rect.get("data-series"), float(rect.get("height") or 0)) for rect in bars(svg)}
    by_series = sorted(heights)
    assert [h for s, h in by_series if s == "0"] == sorted([200.0, 100.0])  # axis 0–30, 200 high
    assert sorted(h for s, h in by_series if s == "1") == [33.3, 66.7]  # 200 × 5/30, 200 × 10/30
    assert {"sty 2026", "lut 2026", "mar 2026"} <= set(texts(svg))  # three wide slots: one line each


def test_every_label_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & </text><svg onload="alert(1)">'
    svg = charts.bar_chart([hostile], [Series(hostile, [1]), Series("b", [2])], Words(title=hostile), key="x")
    assert "&lt;script&gt;" in svg
    root = parsed(svg)
    assert root.find(f"{NS}title").text == hostile  # type: ignore[union-attr]
    drawn = {"svg", "title", "desc", "defs", "pattern", "rect", "circle", "path", "g", "text", "line"}
    assert {element.tag.removeprefix(NS) for element in root.iter()} <= drawn
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    assert hostile in texts(svg)  # the legend, whole


def test_a_chart_of_zeros_draws_no_bar_and_prints_the_zeros() -> None:
    svg = charts.bar_chart(["a", "b"], [Series("osoby", [0, 0])], WORDS, key="funnel")
    assert bars(svg) == []
    assert printed_values(svg) == ["0", "0"]
    assert {"0", "1"} <= set(texts(svg))  # the axis still runs from 0 to 1


def test_a_count_not_shown_has_no_bar_and_a_dash() -> None:
    svg = charts.bar_chart(["a", "b"], [Series("osoby", [None, 4])], WORDS, key="funnel")
    assert len(bars(svg)) == 1
    assert "–" in texts(svg)


def test_an_empty_table_says_there_is_no_data() -> None:
    for svg in (
        charts.bar_chart([], [Series("osoby", [])], Words(title="t", empty="Brak danych"), key="e"),
        charts.column_chart(["sty"], [], Words(title="t", empty="Brak danych"), key="e"),
    ):
        assert "Brak danych" in texts(svg)
        assert bars(svg) == []


def test_a_long_polish_label_wraps_and_is_cut_with_its_whole_text_as_a_tooltip() -> None:
    label = (
        "Osoby, które po opuszczeniu programu podjęły pracę, w tym prowadzące działalność "
        "na własny rachunek, zatrudnione sześć miesięcy po zakończeniu udziału"
    )
    svg = charts.bar_chart([label], [Series("osoby", [3])], WORDS, key="funnel")
    group = next(g for g in parsed(svg).iter(f"{NS}g") if g.get("class") == "chart-label")
    lines = [element.text or "" for element in group.iter(f"{NS}text")]
    assert len(lines) == charts.MAX_LINES
    assert all(len(line) <= 24 for line in lines)
    assert lines[-1].endswith("…")
    assert group.find(f"{NS}title").text == label  # type: ignore[union-attr]


def test_wrap_breaks_between_words_and_inside_a_word_too_long_for_a_line() -> None:
    assert charts.wrap("Zatrudnieni po sześciu miesiącach", 12) == (
        ["Zatrudnieni", "po sześciu", "miesiącach"],
        False,
    )
    assert charts.wrap("Konstantynopolitańczykowianeczka", 10, max_lines=5) == (
        ["Konstantyn", "opolitańcz", "ykowianecz", "ka"],
        False,
    )


def test_series_differ_by_pattern_as_well_as_colour_and_the_legend_shows_both() -> None:
    svg = charts.bar_chart(
        ["Zatrudnieni"],
        [Series("kobiety", [5]), Series("mężczyźni", [4]), Series("osoby niebinarne", [1])],
        WORDS,
        key="out",
    )
    root = parsed(svg)
    fills = [rect.get("fill") for rect in bars(svg)]
    assert fills[0] == charts.COLOURS[0]
    pattern_ids = {pattern.get("id") for pattern in root.iter(f"{NS}pattern")}
    assert fills[1] == "url(#chart-out-pattern-1)"
    assert fills[2] == "url(#chart-out-pattern-2)"
    assert pattern_ids == {"chart-out-pattern-1", "chart-out-pattern-2"}
    legend = [rect.get("fill") for rect in root.findall(f"{NS}rect")]  # the swatches, at the top level
    assert legend == fills
    assert {"kobiety", "mężczyźni", "osoby niebinarne"} <= set(texts(svg))


def test_two_charts_on_one_page_have_their_own_ids() -> None:
    one = charts.bar_chart(["a"], [Series("x", [1]), Series("y", [1])], WORDS, key="exit")
    other = charts.bar_chart(["a"], [Series("x", [1]), Series("y", [1])], WORDS, key="six months")
    ids = lambda svg: {element.get("id") for element in parsed(svg).iter() if element.get("id")}  # noqa: E731
    assert not ids(one) & ids(other)
    assert "chart-six-months-title" in ids(other)


def contrast_with_white(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_every_fill_and_the_text_stand_out_against_the_white_page() -> None:
    for colour in (*charts.COLOURS, charts.TEXT_COLOUR, charts.AXIS_COLOUR):
        assert contrast_with_white(colour) >= 4.5, colour


def test_a_report_table_charts_its_rows_by_the_chosen_columns() -> None:
    table = Table(
        key="outcomes",
        title="Rezultaty",
        columns=[("women", "kobiety"), ("men", "mężczyźni"), ("total", "ogółem")],
        rows=[Row("employed", "Zatrudnieni", {"women": 4, "men": 2, "total": 6})],
    )
    svg = charts.table_bar_chart(table, WORDS, columns=["women", "men"])
    women, men = (float(rect.get("width") or 0) for rect in bars(svg))
    assert abs(men / women - 2 / 4) < 0.001
    assert "ogółem" not in texts(svg)
    assert parsed(svg).find(f"{NS}title").get("id") == "chart-outcomes-title"  # type: ignore[union-attr]


@given(st.integers(min_value=0, max_value=10**9))
def test_the_axis_ends_at_a_round_tick_at_or_past_the_largest_value(largest: int) -> None:
    end, step = charts.axis_scale(largest)
    assert end >= max(largest, 1)
    assert end % step == 0
    assert end // step <= charts.MAX_TICKS
    assert end - step < max(largest, 1)
    assert str(step).rstrip("0") in {"1", "2", "5"}


def test_the_axis_of_hand_picked_values() -> None:
    assert charts.axis_scale(0) == (1, 1)
    assert charts.axis_scale(7) == (8, 2)
    assert charts.axis_scale(40) == (40, 10)
    assert charts.axis_scale(656) == (800, 200)
    assert charts.axis_scale(1059) == (1500, 500)


def test_twelve_months_fit_their_narrow_slots_in_two_lines_with_upright_values() -> None:
    months = [
        f"{name} 2026"
        for name in ("sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru")
    ]
    values = [1059, 800, 0, 12, 300, 400, 500, 600, 700, 800, 900, 1000]
    svg = charts.column_chart(
        months, [Series("obecności", values), Series("osoby", [v // 10 for v in values])], WORDS, key="a"
    )
    assert {"sty", "gru", "2026"} <= set(texts(svg))
    upright = [
        element
        for element in parsed(svg).iter(f"{NS}text")
        if (element.get("transform") or "").startswith("rotate(-90")
    ]
    assert "1059" in {element.text for element in upright}
