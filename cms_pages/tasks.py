"""Background tasks of `cms_pages`, run by the django-q2 worker."""

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from wagtail.contrib.forms.models import FormSubmission


def notify_editors_of_submission(submission_id):
    """E-mail the addresses a contact page names about one of its submissions."""
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return 0
    page = submission.page.specific
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not addresses:
        return 0
    labels = dict(page.get_data_fields())
    lines = [
        f"{labels.get(name, name)}: {', '.join(value) if isinstance(value, list) else value}"
        for name, value in submission.form_data.items()
    ]
    lines += ["", page.full_url or ""]
    subject = page.subject or _("New message from the form “%(title)s”") % {"title": page.title}
    return send_mail(
        subject, "\n".join(lines), page.from_address or None, addresses, fail_silently=False
    )
