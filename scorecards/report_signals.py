"""Keep the contracts' documents in step with what they show: a signature,
a withdrawal or a finalisation (any save of an endorsement or a finalised
contract), or a forum published for the contract, has the worker rewrite
them after the commit (it skips those whose content has not changed)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from consultations.models import SocialContract
from forums.models import Endorsement, ForumPage

from .models import ContractDocument


@receiver(post_save, sender=Endorsement, dispatch_uid="scorecards_endorsement_documents")
def endorsement_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ContractDocument.objects.refresh(instance.contract)


@receiver(post_save, sender=SocialContract, dispatch_uid="scorecards_contract_documents")
def contract_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ContractDocument.objects.refresh(instance)


@receiver(page_published, sender=ForumPage, dispatch_uid="scorecards_forum_documents")
def forum_published(sender, instance, **kwargs):
    if instance.contract_id is not None:
        ContractDocument.objects.refresh(instance.contract)
