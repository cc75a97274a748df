"""Keeping what is cached from the assessments fresh: any saved or deleted
assessment (a draft, a publication) makes the home page's figures be
computed again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Assessment
from .views import forget_home_section


@receiver(post_save, sender=Assessment, dispatch_uid="scorecards_home_on_save")
@receiver(post_delete, sender=Assessment, dispatch_uid="scorecards_home_on_delete")
def assessment_changed(sender, **kwargs):
    forget_home_section()
