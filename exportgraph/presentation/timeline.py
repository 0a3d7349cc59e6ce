"""A project plan's timeline as SVG (server-rendered, no script): the stages as bands along a time
axis, the review gate at the start of each, one row per activity (a bar from its start to its
end, or a mark on its day, coloured by risk band, outlined red when it has conflicts), and the
latest dates to apply for licences as diamonds on the activity's row. Text alternatives: a
<title>, a <desc> and one <title> per shape; the page shows the same facts as tables."""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from exportgraph.services.partners.plan_answers import PlanAnswer, TimelineActivity

WIDTH = 960
LEFT = 150  # room for the activity labels
RIGHT = 20
TOP = 54  # stage band and month ticks
ROW = 26
BAND_COLOURS = {
    "low": "#1a7f37",
    "elevated": "#b7791f",
    "high": "#c53030",
    "prohibited": "#3b0a0a",
}
STAGE_FILLS = ("#e8f0fe", "#f3e8fd", "#e6f4ea", "#fef7e0", "#fce8e6")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _x(day: dt.date, start: dt.date, span: int) -> float:
    return LEFT + (day - start).days / span * (WIDTH - LEFT - RIGHT)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months between start and end (at most ~24 ticks: every n-th month)."""
    months = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    step = max(1, len(months) // 24 + (1 if len(months) % 24 else 0))
    return months[::step]


def timeline_svg(answer: PlanAnswer) -> str:
    """The SVG markup of an evaluated plan's timeline (contract §11)."""
    timeline = answer["timeline"]
    start, end = _day(timeline["start"]), _day(timeline["end"])
    start -= dt.timedelta(days=7)
    end += dt.timedelta(days=7)
    span = max((end - start).days, 1)
    activities = timeline["activities"]
    height = TOP + ROW * max(len(activities), 1) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-labelledby="timeline-title timeline-desc" class="timeline">',
        '<title id="timeline-title">Project timeline</title>',
        f'<desc id="timeline-desc">{escape(_description(answer))}</desc>',
    ]
    for i, stage in enumerate(timeline["stages"]):
        x0 = _x(_day(stage["start"]), start, span)
        x1 = _x(_day(stage["end"]) + dt.timedelta(days=1), start, span)
        fill = STAGE_FILLS[i % len(STAGE_FILLS)]
        label = escape(stage["label"])
        parts.append(
            f'<g class="stage" data-stage="{escape(stage["stage"])}"><title>{label}: '
            f"{stage['start']} – {stage['end']}</title>"
            f'<rect x="{_f(x0)}" y="{TOP - 26}" width="{_f(max(x1 - x0, 1))}" '
            f'height="{height - TOP - 4}" fill="{fill}"/>'
            f'<text x="{_f(x0 + 4)}" y="{TOP - 12}" font-size="12">{label}</text>'
            f'<line x1="{_f(x0)}" y1="{TOP - 26}" x2="{_f(x0)}" y2="{height - 30}" '
            'stroke="#5f6368" stroke-dasharray="4 3"><title>Review gate before '
            f"{label} on {stage['start']}</title></line></g>"
        )
    for month in _months(start, end):
        x = _x(month, start, span)
        parts.append(
            f'<g class="tick"><line x1="{_f(x)}" y1="{height - 30}" x2="{_f(x)}" y2="{height - 24}" '
            f'stroke="#5f6368"/><text x="{_f(x)}" y="{height - 10}" font-size="10" '
            f'text-anchor="middle">{month.strftime("%Y-%m")}</text></g>'
        )
    rows = {activity["id"]: i for i, activity in enumerate(activities)}
    for i, activity in enumerate(activities):
        parts.append(_activity(activity, i, start, span))
    for deadline in timeline["deadlines"]:
        if deadline["kind"] != "licence-application" or deadline.get("activity") not in rows:
            continue
        y = TOP + ROW * rows[deadline["activity"]] + ROW / 2
        x = _x(_day(deadline["date"]), start, span)
        late = " late" if deadline.get("late") else ""
        parts.append(
            f'<path class="deadline{late}" d="M{_f(x)} {_f(y - 7)} l7 7 l-7 7 l-7 -7 z" '
            f'fill="{"#c53030" if late else "#1a73e8"}" stroke="#fff">'
            f"<title>{escape(deadline['title'])}: apply by {deadline['date']}"
            f"{' (already past)' if late else ''}</title></path>"
        )
    today = _day(answer["as_of"])
    if start <= today <= end:
        x = _x(today, start, span)
        parts.append(
            f'<line class="today" x1="{_f(x)}" y1="{TOP - 30}" x2="{_f(x)}" y2="{height - 30}" '
            f'stroke="#202124" stroke-width="2"><title>Plan evaluated on {today}</title></line>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _activity(activity: TimelineActivity, row: int, start: dt.date, span: int) -> str:
    y = TOP + ROW * row
    x0 = _x(_day(activity["start"]), start, span)
    x1 = _x(_day(activity["end"] or activity["start"]) + dt.timedelta(days=1), start, span)
    colour = BAND_COLOURS.get(activity["band"], "#5f6368")
    conflicts = int(activity["conflicts"])
    outline = ' stroke="#c53030" stroke-width="3"' if conflicts else ""
    label = escape(f"{activity['id']} {activity['type']}")
    title = escape(
        f"{activity['id']} {activity['type']}, {activity['start']}"
        + (f" – {activity['end']}" if activity["end"] else "")
        + f", risk band {activity['band']}"
        + (f", {conflicts} conflict(s)" if conflicts else "")
    )
    return (
        f'<g class="activity" data-activity="{escape(activity["id"])}" data-band="{escape(activity["band"])}" '
        f'data-conflicts="{conflicts}"><title>{title}</title>'
        f'<text x="{LEFT - 6}" y="{_f(y + ROW / 2 + 4)}" font-size="12" text-anchor="end">{label}</text>'
        f'<rect x="{_f(x0)}" y="{_f(y + 5)}" width="{_f(max(x1 - x0, 4))}" height="{ROW - 10}" rx="3" '
        f'fill="{colour}"{outline}/></g>'
    )


def _description(answer: PlanAnswer) -> str:
    timeline = answer["timeline"]
    stages = ", ".join(f"{s['label']} {s['start']} to {s['end']}" for s in timeline["stages"])
    late = sum(1 for d in timeline["deadlines"] if d.get("late"))
    return (
        f"From {timeline['start']} to {timeline['end']}. Stages: {stages or 'none'}. "
        f"{len(timeline['activities'])} activities; {len(timeline['deadlines'])} deadlines"
        + (f", {late} already past" if late else "")
        + "."
    )
