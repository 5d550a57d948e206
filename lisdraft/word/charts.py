"""Native Word charts: a DrawingML bar chart part and the workbook behind it.

A chart in a .docx is a part of its own (`word/charts/chartN.xml`) holding
the chart's XML, including a copy of its figures, and linked by
`c:externalData` to an embedded Excel workbook holding the same figures.
Word draws the chart from the part and opens the workbook for "Edit data",
so an officer can correct a figure or restyle the chart in Word.

`bar_chart_xml` writes the chart part (a small writer of our own: python-pptx's
chart writer costs a quarter of a second to import and writes no titles,
axis titles or data labels; see docs/customising-templates.md) and
`workbook` writes the workbook with XlsxWriter, dated `when` so the same
chart always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from lisdraft.word.ooxml import xml_text

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
)
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKAGE_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
)
#: The workbook's relationship id inside the chart part's own relationships.
WORKBOOK_ID = "rId1"
SHEET = "Sheet1"
#: One fill per series, dark to light, told apart in grey print as well as in colour.
SERIES_FILLS = ("1F4E79", "5B9BD5", "A5A5A5")
#: The built-in templates' font; a chart restyled in Word keeps whatever the officer picks.
FONT = "Arial"
_FONT = f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>'



@dataclass(frozen=True)
class Series:
    """One set of bars: its name (in the legend) and one value per category."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class BarChart:
    """A clustered bar chart: categories down the side, one bar per series in each."""

    title: str
    #: The heading of the categories' column in the workbook, such as 'Measure'.
    category_title: str
    #: The value axis's title, naming the unit.
    value_title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    #: An Excel number format for the figures and their labels, such as '0.0"%"'.
    number_format: str
    #: The number format of the value axis's labels, usually without decimals.
    axis_format: str
    #: What the chart shows, in words, for readers who cannot see it.
    alt_text: str


def _column(index: int) -> str:
    """Return the spreadsheet column letter for the 0-based `index` (up to Z)."""
    return chr(ord("A") + index)


def _rich(text: str, size: int, bold: bool = False) -> str:
    """Return a `c:tx` rich-text element holding `text`."""
    weight = ' b="1"' if bold else ' b="0"'
    return (
        f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{weight}>'
        f'{_FONT}</a:defRPr></a:pPr><a:r><a:rPr lang="en-GB" sz="{size}"{weight}>{_FONT}'
        f"</a:rPr><a:t>{xml_text(text)}</a:t></a:r></a:p></c:rich></c:tx>"
    )


def _text_style(size: int) -> str:
    """Return a `c:txPr` element setting the font and its size (in hundredths of a point)."""
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}">{_FONT}</a:defRPr>'
        '</a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>'
    )


def _title(text: str, size: int, bold: bool = False) -> str:
    """Return a `c:title` element."""
    return f'<c:title>{_rich(text, size, bold)}<c:overlay val="0"/></c:title>'


def _number(value: float) -> str:
    """Return `value` as the chart's cached text: '71.4', '52', never '52.0'."""
    return str(int(value)) if value == int(value) else repr(value)


def _strings(reference: str, texts: tuple[str, ...]) -> str:
    """Return a `c:strRef` to `reference` caching `texts`."""
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{xml_text(text)}</c:v></c:pt>' for i, text in enumerate(texts)
    )
    return (
        f"<c:strRef><c:f>{reference}</c:f><c:strCache><c:ptCount val=\"{len(texts)}\"/>"
        f"{points}</c:strCache></c:strRef>"
    )


def _series(chart: BarChart, column: int, order: int) -> str:
    """Return one `c:ser` element for series `column`, plotted `order`-th from the bottom.

    Its figures are in column `column + 1` of the workbook, whose rows hold the
    categories bottom up, as the chart draws them.
    """
    series = chart.series[column]
    letter = _column(column + 1)
    last = len(chart.categories) + 1
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{_number(value)}</c:v></c:pt>'
        for i, value in enumerate(reversed(series.values))
    )
    fill = SERIES_FILLS[column % len(SERIES_FILLS)]
    categories = tuple(reversed(chart.categories))
    return (
        f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/>'
        f"<c:tx>{_strings(f'{SHEET}!${letter}$1', (series.name,))}</c:tx>"
        f'<c:spPr><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        f"<c:cat>{_strings(f'{SHEET}!$A$2:$A${last}', categories)}</c:cat>"
        f"<c:val><c:numRef><c:f>{SHEET}!${letter}$2:${letter}${last}</c:f><c:numCache>"
        f"<c:formatCode>{xml_text(chart.number_format)}</c:formatCode>"
        f'<c:ptCount val="{len(series.values)}"/>{points}</c:numCache></c:numRef></c:val>'
        "</c:ser>"
    )


def bar_chart_xml(chart: BarChart) -> bytes:
    """Return the chart part for `chart`: horizontal clustered bars, labelled with their values.

    Categories read top to bottom in the order given (their names are the
    category axis's labels, so it has no title), with the value axis and its
    title below them, and within each category the series read top to bottom
    in the order given too, as does the legend to the right of the bars.

    Word and LibreOffice draw horizontal bars bottom up (the first category and
    the first series at the bottom) and list a legend beside them top down from
    the last series, so that it matches the bars. So the chart plots the
    categories and the series in reverse, rather than turning its category axis
    over (`c:orientation` "maxMin"), which turns the bars over but not the
    legend: LibreOffice then lists England first beside bars that start with
    our area.
    """
    number_format = xml_text(chart.number_format, quotes=True)
    axis_format = xml_text(chart.axis_format, quotes=True)
    last = len(chart.series) - 1
    series = "".join(_series(chart, last - order, order) for order in range(len(chart.series)))
    labels = (
        f'<c:dLbls><c:numFmt formatCode="{number_format}" sourceLinked="0"/>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f"{_text_style(800)}"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>'
        f'<c:chart>{_title(chart.title, 1100, bold=True)}<c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/>'
        '<c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{series}{labels}<c:gapWidth val="60"/>'
        '<c:axId val="500100"/><c:axId val="500200"/></c:barChart>'
        '<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
        f"{_text_style(900)}"
        '<c:crossAx val="500200"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="500200"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/>'
        '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/>'
        "</a:solidFill></a:ln></c:spPr></c:majorGridlines>"
        f"{_title(chart.value_title, 900)}"
        f'<c:numFmt formatCode="{axis_format}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"{_text_style(800)}"
        '<c:crossAx val="500100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        "</c:valAx></c:plotArea>"
        '<c:legend><c:legendPos val="r"/><c:overlay val="0"/>'
        f"{_text_style(900)}</c:legend>"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"{_text_style(900)}"
        f'<c:externalData r:id="{WORKBOOK_ID}"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def chart_relationships(workbook_target: str) -> bytes:
    """Return the chart part's relationships: its one link, to the embedded workbook."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="{WORKBOOK_ID}" Type="{PACKAGE_RELATIONSHIP}" '
        f'Target="{xml_text(workbook_target)}"/></Relationships>'
    ).encode()


def workbook(chart: BarChart, when: dt.datetime) -> bytes:
    """Return an .xlsx holding the chart's figures where its part refers to them.

    Column A holds the categories, bottom up as the chart draws them, and each
    series has a column, its name in row 1, in the order given. The workbook
    is dated `when` (XlsxWriter also dates its zip entries with it), so the
    same chart always gives the same bytes.
    """
    import xlsxwriter  # heavy: imported only when a chart is drawn

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    created = when.astimezone(dt.UTC).replace(tzinfo=None)
    book.set_properties({"title": chart.title, "created": created})
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True})
    figure = book.add_format({"num_format": chart.number_format})
    sheet.write_string(0, 0, chart.category_title, bold)
    for column, series in enumerate(chart.series, start=1):
        sheet.write_string(0, column, series.name, bold)
        for row, value in enumerate(reversed(series.values), start=1):
            sheet.write_number(row, column, value, figure)
    for row, category in enumerate(reversed(chart.categories), start=1):
        sheet.write_string(row, 0, category)
    sheet.set_column(0, 0, max(12, min(60, max(len(c) for c in chart.categories) + 2)))
    sheet.set_column(1, len(chart.series), 12)
    book.close()
    return buffer.getvalue()
