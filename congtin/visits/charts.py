"""Bar charts drawn on the server as SVG: no script, no library, nothing loaded from outside."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, MARGIN = 720, 220, 28


def bar_chart(series: list[tuple[str, int]], unit: str) -> SafeString:
    """An SVG bar chart of (label, value) pairs, each bar titled with its value."""
    if not series:
        return mark_safe("")
    top = max(value for _, value in series) or 1
    step = (WIDTH - 2 * MARGIN) / len(series)
    bars = []
    for index, (label, value) in enumerate(series):
        height = (HEIGHT - 2 * MARGIN) * value / top
        x = MARGIN + index * step
        y = HEIGHT - MARGIN - height
        text = f"{escape(label)}: {intcomma(value)} {escape(unit)}"
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{height:.1f}"'
            f' fill="#b71c1c"><title>{text}</title></rect>'
        )
        if len(series) <= 12 or index % 5 == 0:
            bars.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 8}" font-size="10" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    bars.append(
        f'<text x="{MARGIN}" y="{MARGIN - 8}" font-size="11">tối đa {intcomma(top)} {escape(unit)}</text>'
    )
    return mark_safe(
        f'<svg class="visits-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" width="100%"'
        f' aria-label="Biểu đồ {escape(unit)}">{"".join(bars)}</svg>'
    )
