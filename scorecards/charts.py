"""The geometry of the scorecards' server-rendered SVG: the over-time chart's
stacked columns and the embeddable badge's size. The figures come from
`scorecards.scoring`; the templates draw what is placed here."""

from django.utils import timezone

#: The over-time chart's geometry, in SVG user units: 100 units = 100 %.
COLUMN_WIDTH = 26
COLUMN_STEP = 40
CHART_LEFT = 30
CHART_TOP = 6

BADGE_WIDTH = 320
BADGE_HEIGHT = 96


def timeline_columns(dates, cards):
    """The over-time chart's stacked columns, one per date, with their parts
    placed from the bottom up (`y`, `height` in the chart's units)."""
    today = timezone.localdate()
    columns = []
    for n, (day, card) in enumerate(zip(dates, cards, strict=True)):
        x = CHART_LEFT + n * COLUMN_STEP + (COLUMN_STEP - COLUMN_WIDTH) / 2
        parts = [
            {
                **part,
                "y": CHART_TOP + 100 - part["x"] - part["width"],
                "height": part["width"],
                "text_y": CHART_TOP + 100 - part["middle"] + 2,
            }
            for part in card.segments()
        ]
        columns.append(
            {
                "day": day,
                "card": card,
                "is_today": day == today,
                "x": x,
                "middle": x + COLUMN_WIDTH / 2,
                "parts": parts,
            }
        )
    return {
        "columns": columns,
        "width": CHART_LEFT + len(columns) * COLUMN_STEP + 4,
        # Shown at three times its units, at most (the SVG scales down to fit).
        "display_width": 3 * (CHART_LEFT + len(columns) * COLUMN_STEP + 4),
        "column_width": COLUMN_WIDTH,
        "bottom": CHART_TOP + 100,
    }
