"""The demo's indexes, brought up to date once, at the end of the load.

Each save of a page, a contract or a priority normally updates Wagtail's
reference index and the search index at once (a background task each,
run on the spot, reading the object back). The demo saves many objects,
some several times, while it builds them, so `indexes_updated_at_the_end`
holds those two updates back and then makes them once per object, on
what it has become, reading each model's objects in one query: the
reference index as Wagtail's task does it, the search index as its
rebuild does, a model at a time. Deletions still update the indexes as
they happen.

The save signals' receivers are swapped for the whole process while the
demo loads: the load is a management command (or a test's setup), with
nothing else saving meanwhile.
"""

from contextlib import contextmanager

from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save

from django.db import transaction
from django.db.models.signals import post_save

from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save as references_on_save


def searched_models():
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def indexes_updated_at_the_end():
    held = []  # (receiver, the models it was connected for, {model: {pk: None}})
    for receiver, models in (
        (references_on_save, ReferenceIndex.tracked_models),
        (search_on_save, searched_models()),
    ):
        connected = {model for model in models if post_save.disconnect(receiver, sender=model)}
        held.append((receiver, connected, {}))

    def remember(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for _receiver, connected, saved in held:
            if sender in connected:
                saved.setdefault(sender, {})[instance.pk] = None

    post_save.connect(remember, weak=False, dispatch_uid="demo-indexes-held")
    try:
        yield
        post_save.disconnect(dispatch_uid="demo-indexes-held")
        (_, _, referencing), (_, _, searched) = held
        update_references(referencing)
        update_search(searched)
    finally:
        post_save.disconnect(dispatch_uid="demo-indexes-held")
        for receiver, connected, _saved in held:
            for model in connected:
                post_save.connect(receiver, sender=model)


def update_references(saved):
    """Wagtail's `update_reference_index_task` for each object saved: a
    child's references are its parent's (ParentalKey), recorded once."""
    done = set()
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=list(pks)):
            while instance is not None:
                parental = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
                if not parental:
                    break
                instance = getattr(instance, parental[0].name)
            if instance is None or not ReferenceIndex.is_indexed(instance._meta.model):
                continue
            key = (instance._meta.model, instance.pk)
            if key in done:
                continue
            done.add(key)
            with transaction.atomic():
                ReferenceIndex.create_or_update_for_object(instance)


def update_search(saved):
    """modelsearch's `insert_or_update_object_task` for each object saved,
    a model's objects in one batch: each object as the model it is indexed
    as (a page as its own type), if that model indexes it."""
    indexed = {}  # model → {pk: None}
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=list(pks)):
            instance = instance.get_indexed_instance()
            if instance is not None:
                indexed.setdefault(instance._meta.model, {})[instance.pk] = None
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in indexed.items():
        objects = list(model.get_indexed_objects().filter(pk__in=list(pks)).order_by("pk"))
        if objects:
            for backend in backends:
                backend.add_bulk(model, objects)
