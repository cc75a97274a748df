"""Fill the counts priorities now keep (`support_count`, `comment_count`)
from the rows that existed before: the supports, and the visible comments."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Priority = apps.get_model("consultations", "Priority")
    Vote = apps.get_model("consultations", "Vote")
    Comment = apps.get_model("consultations", "Comment")
    votes = (
        Vote.objects.filter(priority=OuterRef("pk"))
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    comments = (
        Comment.objects.filter(priority=OuterRef("pk"), state="visible")
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Priority.objects.update(
        support_count=Coalesce(Subquery(votes), 0),
        comment_count=Coalesce(Subquery(comments), 0),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_priority_counts"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
