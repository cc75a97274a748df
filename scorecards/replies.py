"""The right of reply's limits and the form a respondent fills on the public
site. Imports no model, so that the models may use its limits."""

import datetime
import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: How long after an assessment's publication the municipality may reply.
REPLY_WINDOW = datetime.timedelta(days=30)
REPLY_MAX_LENGTH = 2000
REPLY_MAX_DOCUMENTS = 3
DOCUMENT_MAX_SIZE = 5 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "odt", "docx"]


def validate_document_size(upload):
    if upload.size > DOCUMENT_MAX_SIZE:
        raise ValidationError(
            gettext("“%(name)s” is larger than %(size)s.")
            % {"name": os.path.basename(upload.name), "size": filesizeformat(DOCUMENT_MAX_SIZE)}
        )


DOCUMENT_VALIDATORS = [FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (as Django's documentation shows)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The municipality's reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": REPLY_MAX_LENGTH}),
        help_text=_("Up to 2,000 characters. Once posted, a reply cannot be changed."),
    )
    documents = MultipleFileField(
        label=_("Documents (optional)"),
        required=False,
        validators=DOCUMENT_VALIDATORS,
        help_text=_("Up to 3 files: PDF, JPG, PNG, ODT or DOCX, 5 MB each at most."),
    )

    def clean_documents(self):
        documents = self.cleaned_data["documents"] or []
        if len(documents) > REPLY_MAX_DOCUMENTS:
            raise ValidationError(gettext("Join at most 3 documents."))
        return documents
