"""Inline SVG bar charts for the release landing page (no script, no external resource).

The landing page must work opened from disk and render the same bytes for the same
data, so charts are plain SVG strings built here: every coordinate is formatted with
one decimal, colours come from a fixed colour-blind-safe palette (Okabe & Ito), and
every text from the data is escaped. Each chart is a `<figure>` holding an
`<svg role="img">` with a `<title>` and a `<desc>` (the text alternative, listing every
value) and a collapsible data table, so the numbers stay readable without the picture.
Not here: querying the data (pipeline/release/landing decides what to count and show).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

#: Okabe & Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
WIDTH = 640
_FONT = 12
_LABEL_CHARS = 32


@dataclass(frozen=True)
class Series:
    """One named row of values, one value per category of the chart."""

    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class BarChart:
    """What a bar chart shows; `note` is a sentence under it (e.g. what is left out)."""

    chart_id: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    category_axis: str
    value_axis: str
    note: str = ""

    @property
    def total(self) -> int:
        """Sum of every value: zero means there is nothing to draw."""
        return sum(sum(s.values) for s in self.series)


def render_chart(chart: BarChart, *, horizontal: bool = False) -> str:
    """A `<figure>` with the chart as inline SVG, its caption and its data table."""
    if not chart.categories or not chart.series or chart.total <= 0:
        svg = _empty_svg(chart)
    elif horizontal:
        svg = _horizontal_svg(chart)
    else:
        svg = _vertical_svg(chart)
    note = f'<p class="note">{escape(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="chart" id="{escape(chart.chart_id)}">\n'
        f"<figcaption>{escape(chart.title)}</figcaption>\n{svg}\n{note}"
        f"{_data_table(chart)}</figure>\n"
    )


def nice_scale(maximum: int, ticks: int = 5) -> tuple[int, int]:
    """(axis maximum, tick step) for counts: a 1-2-5 step giving at most `ticks` steps."""
    maximum = max(int(maximum), 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum <= step * ticks:
                return -(-maximum // step) * step, step
        magnitude *= 10


def _n(value: float) -> str:
    """One coordinate, always with one decimal: same input, same bytes."""
    return f"{value:.1f}"


def _count(value: int) -> str:
    """A count as the page writes it everywhere: thousands separated by commas."""
    return f"{value:,}"


def _short(label: str) -> str:
    """A category label short enough for the axis (the data table has it in full)."""
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def _svg_open(chart: BarChart, height: float) -> str:
    """The `<svg role="img">` element with its title and text alternative."""
    ident = escape(chart.chart_id)
    return (
        f'<svg role="img" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="100%" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{_FONT}">\n'
        f'<title id="{ident}-title">{escape(chart.title)}</title>\n'
        f'<desc id="{ident}-desc">{escape(describe(chart))}</desc>\n'
    )


def describe(chart: BarChart) -> str:
    """The text alternative: what is plotted against what, and every value."""
    if not chart.categories or not chart.series or chart.total <= 0:
        return f"No data to chart: {chart.title} is empty in this release."
    parts = [f"Bar chart of {chart.value_axis} by {chart.category_axis}."]
    for series in chart.series:
        values = "; ".join(
            f"{category}: {_count(value)}"
            for category, value in zip(chart.categories, series.values, strict=True)
        )
        prefix = f"{series.name}: " if len(chart.series) > 1 else ""
        parts.append(f"{prefix}{values}.")
    return " ".join(parts)


def _empty_svg(chart: BarChart) -> str:
    """A small SVG that says there is nothing to show (never divides by zero)."""
    return (
        _svg_open(chart, 80)
        + f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="79" fill="#f6f6f6" stroke="#999"/>\n'
        + f'<text x="{WIDTH // 2}" y="45" text-anchor="middle" fill="#333">'
        + "No data to chart in this release</text>\n</svg>"
    )


def _legend(chart: BarChart, x: float, y: float) -> str:
    """Colour keys for a chart with more than one series (none for a single series)."""
    if len(chart.series) < 2:
        return ""
    items = []
    for index, series in enumerate(chart.series):
        left = x + index * 150
        items.append(
            f'<rect x="{_n(left)}" y="{_n(y - 10)}" width="12" height="12" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{_n(left + 17)}" y="{_n(y)}" fill="#222">{escape(series.name)}</text>'
        )
    return "\n".join(items) + "\n"


def _vertical_svg(chart: BarChart) -> str:
    """Vertical bars: categories along x (e.g. years), counts up the y axis."""
    left, right, top, bottom, plot_h = 64.0, 16.0, 34.0, 52.0, 200.0
    plot_w = WIDTH - left - right
    axis_max, step = nice_scale(max(max(s.values) for s in chart.series))
    slot = plot_w / len(chart.categories)
    bar = slot * 0.8 / len(chart.series)
    label_every = max(1, -(-len(chart.categories) * 34 // int(plot_w)))
    out = [_svg_open(chart, top + plot_h + bottom), _legend(chart, left, 16)]
    for tick in range(0, axis_max + 1, step):
        y = top + plot_h - plot_h * tick / axis_max
        out.append(
            f'<line x1="{_n(left)}" x2="{_n(left + plot_w)}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="#ddd"/><text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" '
            f'fill="#333">{_count(tick)}</text>\n'
        )
    for i, category in enumerate(chart.categories):
        x0 = left + i * slot + slot * 0.1
        for k, series in enumerate(chart.series):
            out.append(_vbar(x0 + k * bar, bar, series.values[i], axis_max, top, plot_h, k))
        if i % label_every == 0:
            out.append(
                f'<text x="{_n(left + (i + 0.5) * slot)}" y="{_n(top + plot_h + 16)}" '
                f'text-anchor="middle" fill="#222">{escape(_short(category))}</text>\n'
            )
    out.append(_axes(left, top, plot_w, plot_h))
    out.append(
        f'<text x="{_n(left + plot_w / 2)}" y="{_n(top + plot_h + 40)}" text-anchor="middle" '
        f'fill="#222" font-weight="bold">{escape(chart.category_axis)}</text>\n'
        f'<text transform="translate(16 {_n(top + plot_h / 2)}) rotate(-90)" '
        f'text-anchor="middle" fill="#222" font-weight="bold">{escape(chart.value_axis)}</text>\n'
        "</svg>"
    )
    return "".join(out)


def _vbar(
    x: float, width: float, value: int, axis_max: int, top: float, plot_h: float, k: int
) -> str:
    """One vertical bar with its value above it (when there is room for the number)."""
    height = plot_h * value / axis_max
    y = top + plot_h - height
    label = ""
    if value and width >= 14:
        label = (
            f'<text x="{_n(x + width / 2)}" y="{_n(y - 4)}" text-anchor="middle" '
            f'font-size="10" fill="#222">{_count(value)}</text>'
        )
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" '
        f'fill="{PALETTE[k % len(PALETTE)]}"/>{label}\n'
    )


def _horizontal_svg(chart: BarChart) -> str:
    """Horizontal bars: one band per category (labels can be long), counts along x."""
    left, right, top, bottom = 212.0, 56.0, 34.0 if len(chart.series) > 1 else 10.0, 48.0
    plot_w = WIDTH - left - right
    bar = 14.0
    band = bar * len(chart.series) + 10.0
    plot_h = band * len(chart.categories)
    axis_max, step = nice_scale(max(max(s.values) for s in chart.series))
    out = [_svg_open(chart, top + plot_h + bottom), _legend(chart, left, 16)]
    for tick in range(0, axis_max + 1, step):
        x = left + plot_w * tick / axis_max
        out.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(top)}" y2="{_n(top + plot_h)}" '
            f'stroke="#ddd"/><text x="{_n(x)}" y="{_n(top + plot_h + 16)}" '
            f'text-anchor="middle" fill="#333">{_count(tick)}</text>\n'
        )
    for i, category in enumerate(chart.categories):
        y0 = top + i * band + 5.0
        out.append(
            f'<text x="{_n(left - 8)}" y="{_n(y0 + band / 2)}" text-anchor="end" '
            f'fill="#222">{escape(_short(category))}</text>\n'
        )
        for k, series in enumerate(chart.series):
            out.append(_hbar(left, y0 + k * bar, bar, series.values[i], axis_max, plot_w, k))
    out.append(_axes(left, top, plot_w, plot_h))
    out.append(
        f'<text x="{_n(left + plot_w / 2)}" y="{_n(top + plot_h + 38)}" text-anchor="middle" '
        f'fill="#222" font-weight="bold">{escape(chart.value_axis)}</text>\n'
        f'<text x="{_n(left - 8)}" y="{_n(top + plot_h + 38)}" text-anchor="end" '
        f'fill="#222" font-weight="bold">{escape(chart.category_axis)}</text>\n'
        "</svg>"
    )
    return "".join(out)


def _hbar(
    x: float, y: float, height: float, value: int, axis_max: int, plot_w: float, k: int
) -> str:
    """One horizontal bar with its value written just after its end."""
    width = plot_w * value / axis_max
    return (
        f'<rect x="{_n(x)}" y="{_n(y + 1)}" width="{_n(width)}" height="{_n(height - 2)}" '
        f'fill="{PALETTE[k % len(PALETTE)]}"/>'
        f'<text x="{_n(x + width + 4)}" y="{_n(y + height - 3)}" font-size="11" '
        f'fill="#222">{_count(value)}</text>\n'
    )


def _axes(left: float, top: float, plot_w: float, plot_h: float) -> str:
    """The two axis lines, drawn over the bars."""
    return (
        f'<path d="M{_n(left)} {_n(top)}V{_n(top + plot_h)}H{_n(left + plot_w)}" '
        'fill="none" stroke="#333"/>\n'
    )


def _data_table(chart: BarChart) -> str:
    """The plotted numbers as a table, folded under the chart."""
    if not chart.categories or not chart.series:
        return ""
    head = "".join(f'<th scope="col" class="num">{escape(s.name)}</th>' for s in chart.series)
    rows = []
    for i, category in enumerate(chart.categories):
        cells = "".join(f'<td class="num">{_count(s.values[i])}</td>' for s in chart.series)
        rows.append(f'<tr><th scope="row">{escape(category)}</th>{cells}</tr>')
    return (
        '<details><summary>Data table</summary><div class="scroll"><table>'
        f'<thead><tr><th scope="col">{escape(chart.category_axis)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>\n"
    )
