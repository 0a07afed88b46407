"""The attention-over-time chart as inline SVG, drawn on the server.

Why server-side SVG and no charting library: it works offline and without JavaScript, costs no CDN and no
vendored code or licence to track, prints and scales, and every bar is an element a browser test (or a
screen reader, through its ``<title>``) can read: ``data-period``, ``data-query``, ``data-count`` and
``data-share`` carry the figures. Each bar links to the search narrowed to its period.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from markupsafe import Markup, escape

from ..models import Timeline

WIDTH, HEIGHT = 900, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 36, 14, 44
COLOURS = ("#2563eb", "#d97706", "#7c3aed")  # distinguishable for the common colour-vision deficiencies
MAX_LABELS = 14


def nice_step(value: float, *, whole: bool = False) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least ``value`` (``whole``: a whole number ≥ 1)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * magnitude
        if whole and (candidate < 1 or candidate % 1):
            continue
        if candidate >= value - 1e-12:
            return candidate
    return 10 * magnitude


def axis(most: float, *, whole: bool) -> tuple[float, list[float]]:
    """(top of the axis, tick values): about four steps of a round size, whole numbers for counts."""
    step = nice_step(most / 4, whole=whole)
    top = step * max(1, math.ceil(most / step - 1e-9))
    return top, [step * i for i in range(round(top / step) + 1)]


def timeline_svg(
    timeline: Timeline, *, measure: str = "count", link: Callable[[int, int], str] | None = None
) -> Markup:
    """The chart of ``timeline``'s series: ``measure`` "count" (articles) or "share" (of all articles).

    ``link(i, j)`` gives the URL the bar of series ``i`` in period ``j`` opens (None: bars are no links).
    """
    if measure not in ("count", "share"):
        raise ValueError("measure must be count or share")
    periods, series = timeline.periods, timeline.series
    title = "Share of all articles" if measure == "share" else "Matching articles"
    caption = f"{title} per {timeline.granularity}"
    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" data-measure="{measure}" '
        f'data-granularity="{escape(timeline.granularity)}" aria-label="{escape(caption)}">',
        f"<title>{escape(caption)}</title>",
    ]
    if not periods:
        out.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
            "No dated articles match.</text></svg>"
        )
        return Markup("".join(out))

    def value(s_index: int, p_index: int) -> float:
        s = series[s_index]
        return s.shares[p_index] if measure == "share" else s.counts[p_index]

    most = max(value(i, j) for i in range(len(series)) for j in range(len(periods)))
    top, ticks = axis(most, whole=measure == "count")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h

    def fmt(v: float) -> str:
        if measure == "share":
            return f"{v * 100:.3g}%"
        return f"{v:g}"

    for tick in ticks:
        y = base - plot_h * tick / top
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(tick)}</text>')
    group = plot_w / len(periods)
    bar = max(group * 0.8 / len(series), 0.5)
    step = max(1, math.ceil(len(periods) / MAX_LABELS))
    for j, period in enumerate(periods):
        x0 = LEFT + j * group + group * 0.1
        for i, s in enumerate(series):
            v = value(i, j)
            h = plot_h * v / top
            share = f"{s.shares[j] * 100:.2f}%"
            tip = f"{period.label} · {s.query}: {s.counts[j]} of {period.articles} articles ({share})"
            if link is not None:
                out.append(f'<a href="{escape(link(i, j))}" class="bar-link">')
            out.append(
                f'<rect class="bar series-{i}" x="{x0 + i * bar:.2f}" y="{base - h:.2f}" '
                f'width="{bar:.2f}" height="{h:.2f}" fill="{COLOURS[i % len(COLOURS)]}" '
                f'data-period="{escape(period.label)}" data-query="{escape(s.query)}" '
                f'data-count="{s.counts[j]}" data-share="{s.shares[j]}" data-articles="{period.articles}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if link is not None:
                out.append("</a>")
        if j % step == 0:
            cx = LEFT + j * group + group / 2
            out.append(
                f'<text class="label" x="{cx:.1f}" y="{base + 16}" text-anchor="middle">'
                f"{escape(period.label)}</text>"
            )
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"/>')
    # Legend.
    x = LEFT
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        out.append(f'<rect class="key" x="{x}" y="{HEIGHT - 16}" width="10" height="10" fill="{colour}"/>')
        text = f"{s.query} ({s.total})"
        out.append(f'<text class="legend" x="{x + 14}" y="{HEIGHT - 7}">{escape(text)}</text>')
        x += 24 + 7 * min(len(text), 60)
    out.append("</svg>")
    return Markup("".join(out))
