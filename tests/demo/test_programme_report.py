"""The demo's POP 2023 report shows what the network published, computed
from the demo's records (no figure is typed): the 16 public forums before
the local elections of 14 May 2023, and 74.5 % of the 2019–2023 mandate's
priorities addressed."""

import datetime

from cms_pages.models import ProgrammePage
from scorecards import indicators


def test_the_pop_2023_report_computes_the_published_figures(demo):
    programme = ProgrammePage.objects.get(start_date__year=2023, locale__language_code="sq")
    figures = indicators.compute(programme.start_date, programme.end_date)
    counts = {
        item["key"]: item["value"]
        for section in figures["sections"]
        for item in section["indicators"]
        if item["election"] is None
    }
    assert counts["forums_held"] == 16
    mandates = {m["election"]["date"]: m for m in figures["mandates"]}
    assert mandates["2019-06-30"]["end"]["addressed_percent"] == 74.5
    assert mandates["2019-06-30"]["end"]["not_assessed"] == 0
    assert datetime.date.fromisoformat(mandates["2023-05-14"]["election"]["date"]).year == 2023
