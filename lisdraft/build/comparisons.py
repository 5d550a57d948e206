"""The comparison charts: the council's area beside the LEP area and England.

`comparison_charts` turns the render context's comparisons
(`evidence.benchmarks`) into bar charts, one per unit, so that a percentage
and a sum of money never share an axis. The Word parts are written by
`lisdraft.word.charts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lisdraft.text import join_names
from lisdraft.word.charts import BarChart, Series

#: The three figures of a comparison: context key and the name shown in the legend.
AREAS = (("council_area", "Our area"), ("lep_area", "LEP area"), ("england", "England"))
#: The same three areas as the alt text names them.
ALT_NAMES = (("council_area", "our area"), ("lep_area", "the LEP area"), ("england", "England"))
TITLE = "How our area compares"
#: Centimetres of chart for its title, axis and legend, and for each measure's bars.
FRAME_CM, PER_MEASURE_CM = 3.2, 1.5
MAX_HEIGHT_CM = 20.0


def comparison_charts(benchmarks: Iterable[Mapping[str, Any]]) -> list[BarChart]:
    """Return one chart per unit for the comparisons `benchmarks`, units in first-seen order."""
    by_unit: dict[str, list[Mapping[str, Any]]] = {}
    for benchmark in benchmarks:
        by_unit.setdefault(str(benchmark.get("unit", "")).strip(), []).append(benchmark)
    several = len(by_unit) > 1
    return [
        _chart(f"{TITLE}: {unit_name(unit).lower()}" if several else TITLE, unit, group)
        for unit, group in by_unit.items()
    ]


def single_chart(benchmark: Mapping[str, Any]) -> BarChart:
    """Return the chart of one comparison, titled with its measure."""
    unit = str(benchmark.get("unit", "")).strip()
    return _chart(str(benchmark.get("measure", TITLE)), unit, [benchmark])


def chart_height(chart: BarChart) -> float:
    """Return the height in centimetres that gives each measure's bars room."""
    return min(MAX_HEIGHT_CM, FRAME_CM + PER_MEASURE_CM * len(chart.categories))


def unit_name(unit: str) -> str:
    """Return the words for a unit, for an axis title: '%' is 'Per cent (%)'."""
    if unit == "%":
        return "Per cent (%)"
    if unit == "£":
        return "Pounds (£)"
    if not unit:
        return "Value"
    return unit[0].upper() + unit[1:]


def number_format(unit: str, values: Iterable[float]) -> str:
    """Return the Excel number format for figures in `unit`, with as many decimals as needed."""
    decimals = max((_decimals(value) for value in values), default=0)
    if decimals and unit in {"£", "$", "€"}:
        decimals = 2  # pence, as the table shows them: £34.60
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    clean = unit.replace('"', "")
    if clean in {"£", "$", "€"}:
        return f'"{clean}"{digits}'
    if clean == "%":
        return f'{digits}"%"'
    return f'{digits}" {clean}"' if clean else digits


def _decimals(value: float) -> int:
    """Return how many decimal places (up to two) `value` needs."""
    for places in range(3):
        if round(value, places) == value:
            return places
    return 2


def _chart(title: str, unit: str, group: list[Mapping[str, Any]]) -> BarChart:
    """Return the chart of the comparisons in `group`, which share `unit`."""
    figures = [_figures(benchmark) for benchmark in group]
    series = tuple(
        Series(name, tuple(row[index] for row in figures)) for index, (_, name) in enumerate(AREAS)
    )
    measures = tuple(str(benchmark.get("measure", "")) for benchmark in group)
    return BarChart(
        title=title,
        category_title="Measure",
        value_title=unit_name(unit),
        categories=measures,
        series=series,
        number_format=number_format(unit, [value for row in figures for value in row]),
        axis_format=number_format(unit, []),
        alt_text=_alt_text(title, group),
    )


def _figures(benchmark: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return the three plain figures of one comparison."""
    figures = benchmark.get("figures") or {}
    council, lep, england = (float(figures.get(key, 0) or 0) for key, _ in AREAS)
    return council, lep, england


def _alt_text(title: str, group: list[Mapping[str, Any]]) -> str:
    """Return a chart's alt text: what it compares, then every figure in words."""
    sentences = [
        f"{benchmark.get('measure', '')}: "
        + join_names([f"{words} {benchmark.get(key, '')}" for key, words in ALT_NAMES])
        + "."
        for benchmark in group
    ]
    return (
        f"Bar chart, {title.lower()}: our area beside the LEP area and England. "
        + " ".join(sentences)
        + " The table below gives the same figures and their sources."
    )
