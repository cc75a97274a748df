"""Forms of the council sessions in the admin: the session (municipalities
limited to the user's), its decisions on one screen (a formset), and the
same decisions imported from a CSV file, refused row by row."""

import csv
import io
import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

from cms_pages.spreadsheets import FORMULA_STARTS

from . import rules
from .models import CouncilDecision, CouncilRefused, council_priorities

#: The columns of an import file, in this order, on its first line.
CSV_COLUMNS = [
    "number",
    "title",
    "outcome",
    "amount",
    "votes_for",
    "votes_against",
    "abstaining",
    "priorities",
]
MAX_CSV_BYTES = 1_000_000
MAX_CSV_ROWS = 500
PRIORITY_SEPARATORS = re.compile(r"[;,\s]+")


class CouncilSessionForm(WagtailAdminModelForm):
    """Monitors record sessions only for their own municipality; whoever
    creates the session is its recorder."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "municipality" in self.fields:
            municipalities = rules.council_municipalities(for_user)
            self.fields["municipality"].queryset = municipalities
            if self.instance.pk is None and len(own := list(municipalities[:2])) == 1:
                self.fields["municipality"].initial = own[0].pk

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"#{obj.pk} {obj.title}"


class DecisionForm(forms.ModelForm):
    """One decision of a session; a new row left empty is skipped."""

    priorities = PriorityChoiceField(
        label=gettext_lazy("Priorities"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The contract priorities the decision concerns."),
    )

    class Meta:
        model = CouncilDecision
        fields = [
            "number",
            "title",
            "outcome",
            "amount",
            "votes_for",
            "votes_against",
            "abstaining",
            "priorities",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session
        self.fields["priorities"].queryset = council_priorities(session.municipality_id).order_by(
            "contract", "order", "pk"
        )
        # Refused outright rather than hidden: a priority of another
        # municipality is a validation error below, not a missing choice.
        self.fields["priorities"].error_messages["invalid_choice"] = _(
            "A decision can concern only the priorities of this municipality's "
            "finalised contracts (%(value)s is not one)."
        )


class BaseDecisionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, session, **kwargs):
        self.session = session
        kwargs.setdefault("queryset", session.decisions.order_by("order", "pk"))
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "session": self.session}

    def save(self, commit=True):
        decisions = super().save(commit=False)
        for obj in self.deleted_objects:
            obj.delete()
        last = max((d.order for d in self.session.decisions.all()), default=0)
        for decision in decisions:
            if decision.pk is None:
                last += 1
                decision.order = last
            decision.save()
        self.save_m2m()
        return decisions


DecisionFormSet = forms.modelformset_factory(
    CouncilDecision,
    form=DecisionForm,
    formset=BaseDecisionFormSet,
    extra=3,
    can_delete=True,
)


class DecisionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns, on the first line: number, title, outcome, amount, votes_for, "
            "votes_against, abstaining, priorities (their numbers, separated by ';')."
        ),
    )


def _formula_cell(row):
    return next(
        (
            name
            for name, value in zip(CSV_COLUMNS, row, strict=False)
            if value.startswith(FORMULA_STARTS)
        ),
        None,
    )


def read_decisions_csv(upload, session):
    """The rows of an uploaded CSV file as cleaned decisions for `session`;
    raises `CouncilRefused` with each wrong row's message (none saved)."""
    raw = upload.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise CouncilRefused(_("The file is larger than 1 MB."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CouncilRefused(_("The file is not a CSV file written in UTF-8.")) from None
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines or [cell.strip().lower() for cell in lines[0]] != CSV_COLUMNS:
        raise CouncilRefused(
            _("The first line must name the columns: %(columns)s.")
            % {"columns": ",".join(CSV_COLUMNS)}
        )
    body = [line for line in lines[1:] if any(cell.strip() for cell in line)]
    if len(body) > MAX_CSV_ROWS:
        raise CouncilRefused(_("A file can hold at most %(count)s decisions.") % {"count": 500})
    rows, errors = [], []
    for number, line in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in line):
            continue
        if len(line) != len(CSV_COLUMNS):
            errors.append((number, _("%(count)s cells instead of 8.") % {"count": len(line)}))
            continue
        if column := _formula_cell(line):
            errors.append(
                (
                    number,
                    _(
                        "The “%(column)s” cell starts like a spreadsheet formula "
                        "(=, +, -, @, a tab or a line break): write it without that sign."
                    )
                    % {"column": column},
                )
            )
            continue
        data = dict(zip(CSV_COLUMNS, (cell.strip() for cell in line), strict=True))
        data["priorities"] = [p for p in PRIORITY_SEPARATORS.split(data["priorities"]) if p]
        form = DecisionForm(data, session=session)
        if form.is_valid():
            cleaned = {name: form.cleaned_data[name] for name in CSV_COLUMNS}
            cleaned["priorities"] = list(cleaned["priorities"])
            rows.append(cleaned)
        else:
            messages = [
                f"{form.fields[name].label if name in form.fields else name}: {' '.join(errs)}"
                for name, errs in form.errors.items()
            ]
            errors.append((number, "; ".join(messages)))
    if errors:
        raise CouncilRefused(
            _("Some rows need correcting: nothing was imported. See the rows below."), errors
        )
    if not rows:
        raise CouncilRefused(_("The file has no decision in it."))
    return rows
