"""Running the demo-data command again changes nothing."""


def test_loading_the_demo_twice_changes_nothing(demo):
    changed = {
        label: (count, demo.second[label])
        for label, count in demo.first.items()
        if demo.second[label] != count
    }
    assert changed == {}
    assert demo.first["forums.ForumPage"] == 34  # 17 forums, sq and en
    assert demo.first["wagtailcore.Revision"] > 0


def test_loading_again_leaves_what_people_changed(demo, django_capture_on_commit_callbacks):
    """`make run` reloads the demo on every start: an editor's finalisation,
    an edited priority, a withdrawn support, a taken-back upvote, a changed
    password and a moderated question all survive it."""
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from consultations.models import Priority, SocialContract, Vote
    from forums.models import Question, Upvote

    contract = SocialContract.objects.get(
        municipality__slug="durres", election__date__year=2027, finalised_at__isnull=True
    )
    finalised_at = timezone.now()
    contract.finalised_at = finalised_at
    contract.save()
    priority = Priority.objects.source().filter(contract=contract).order_by("order").first()
    priority.title = "Titull i ndryshuar nga redaktori"
    priority.save()
    arta = get_user_model().objects.get(email="arta@pop.example")
    withdrawn = Vote.objects.filter(citizen=arta).first()
    withdrawn_priority = withdrawn.priority_id
    withdrawn.delete()
    upvote = Upvote.objects.select_related("question").first()
    upvote_key = (upvote.question_id, upvote.citizen_id)
    upvote.delete()
    arta.set_password("fjalekalim-i-ri-i-arta")
    arta.save()
    question = Question.objects.first()
    question.state = "rejected"
    question.save()
    counts = {
        "priorities": Priority.objects.count(),
        "votes": Vote.objects.count(),
        "upvotes": Upvote.objects.count(),
    }

    call_command("load_demo_data", stdout=io.StringIO())

    contract.refresh_from_db()
    assert contract.finalised_at == finalised_at
    priority.refresh_from_db()
    assert priority.title == "Titull i ndryshuar nga redaktori"
    assert not Vote.objects.filter(citizen=arta, priority_id=withdrawn_priority).exists()
    assert not Upvote.objects.filter(question_id=upvote_key[0], citizen_id=upvote_key[1]).exists()
    arta.refresh_from_db()
    assert arta.check_password("fjalekalim-i-ri-i-arta")
    question.refresh_from_db()
    assert question.state == "rejected"
    assert counts == {
        "priorities": Priority.objects.count(),
        "votes": Vote.objects.count(),
        "upvotes": Upvote.objects.count(),
    }
