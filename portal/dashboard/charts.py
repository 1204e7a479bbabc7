"""Charts drawn on the server as SVG: no script, no outside request, readable in any language.

Each chart is an image with its title as its accessible name; the table below it carries the
same figures for screen readers and for copying, so the chart itself is not read out
element by element.

The charts are drawn in the page's own pixels, not scaled down from a fixed drawing: the bars
and the lines stretch with the width (in percent), and the words stay at their size, so a chart
on a 360 px phone is as legible as on a desk.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 18
GAP = 22  # the label sits above its bar
BAR_ROOM = 70  # percent of the width the longest bar takes; its figure follows it
LINE_HEIGHT = 220
PLOT_LEFT, PLOT_RIGHT = 12, 98  # percent of the width: the scale's figures sit left of it
PLOT_WIDTH = 1000  # the plot's own units across; it stretches to the width it has
COLOURS = ["#1d70b8", "#f47738"]


def _scale(values) -> float:
    top = max([value for value in values if value is not None] or [0])
    return top if top > 0 else 1


def _svg(title: str, height: int, content: SafeString) -> SafeString:
    return format_html(
        '<svg class="od-chart" role="img" aria-label="{}" width="100%" height="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        height,
        title,
        content,
    )


def bar_chart(title: str, rows: list[tuple[str, float, str]]) -> SafeString:
    """Horizontal bars, one per (label, value, value as shown), label above its bar."""
    if not rows:
        return SafeString("")
    top = _scale(value for _label, value, _shown in rows)
    step = BAR_HEIGHT + GAP

    def length(value) -> float:
        """The bar's length in percent of the width: a sliver for a figure that is not 0."""
        share = round(BAR_ROOM * (value or 0) / top, 2)
        return max(share, 0.5) if value else 0

    bars = format_html_join(
        "",
        '<text x="0" y="{}" font-size="13">{}</text>'
        '<rect x="0" y="{}" width="{}%" height="{}" fill="{}"></rect>'
        '<text x="{}%" dx="6" y="{}" font-size="12">{}</text>',
        (
            (
                index * step + 14,
                label,
                index * step + 18,
                length(value),
                BAR_HEIGHT,
                COLOURS[0],
                length(value),
                index * step + 32,
                shown,
            )
            for index, (label, value, shown) in enumerate(rows)
        ),
    )
    return _svg(title, step * len(rows) + 4, bars)


def line_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> SafeString:
    """Lines over time: one per (name, values), the first and last label under the axis and a
    legend above."""
    if not labels or not series:
        return SafeString("")
    top = _scale(value for _name, values in series for value in values)
    plot_top, bottom = 36, LINE_HEIGHT - 24
    plot_height = bottom - plot_top
    count = max(len(labels) - 1, 1)

    def points(values) -> str:
        return " ".join(
            f"{PLOT_WIDTH * n / count:.1f},{plot_height - plot_height * (value or 0) / top:.1f}"
            for n, value in enumerate(values)
        )

    legend = format_html_join(
        "",
        '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="12">{}</text>',
        (
            (index * 160, COLOURS[index % len(COLOURS)], index * 160 + 16, name)
            for index, (name, _values) in enumerate(series)
        ),
    )
    # The plot stretches across its share of the width; its lines keep their thickness.
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="2" vector-effect="non-scaling-stroke" '
        'points="{}"></polyline>',
        (
            (COLOURS[index % len(COLOURS)], points(values))
            for index, (_name, values) in enumerate(series)
        ),
    )
    plot = format_html(
        '<svg x="{left}%" y="{y}" width="{width}%" height="{height}" viewBox="0 0 {units} '
        '{height}" preserveAspectRatio="none" overflow="visible">{lines}</svg>',
        left=PLOT_LEFT,
        y=plot_top,
        width=PLOT_RIGHT - PLOT_LEFT,
        height=plot_height,
        units=PLOT_WIDTH,
        lines=lines,
    )
    axis = format_html(
        '<line x1="{left}%" y1="{bottom}" x2="{right}%" y2="{bottom}" stroke="#505a5f"></line>'
        '<text x="{scale}%" y="{top_y}" font-size="11" text-anchor="end">{top}</text>'
        '<text x="{scale}%" y="{bottom}" font-size="11" text-anchor="end">0</text>'
        '<text x="{left}%" y="{label_y}" font-size="11">{first}</text>'
        '<text x="{right}%" y="{label_y}" font-size="11" text-anchor="end">{last}</text>',
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        scale=PLOT_LEFT - 1,
        bottom=bottom,
        top_y=plot_top + 4,
        top=f"{top:g}",
        label_y=bottom + 16,
        first=labels[0],
        last=labels[-1],
    )
    return _svg(title, LINE_HEIGHT, format_html("{}{}{}", legend, axis, plot))
