"""The bulk archive of the open data, and the API as the open-data page
lists it.

`build_archive()` (a django-q2 task, run daily by a Schedule and queued
after each publication) writes one ZIP with every table of the API, each as
CSV (UTF-8 with BOM, formula-safe cells, nested values flattened into
columns such as `name_sq`, `name_en`) and as JSON (the API's own items), a
README.md in Albanian and English describing every column, and LICENSE (CC
BY 4.0). The file is written beside its final place and then moved there in
one step, so a download never sees half an archive; each build is recorded
with its date, size and SHA-256 checksum.

The rows are the API's: the same reads (`api.data`, `api.record_data`) and
the same schemas, so the archive and the API always agree.
"""

import csv
import functools
import hashlib
import io
import json
import os
import tempfile
import zipfile
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms_pages.spreadsheets import neutralised

from .api import api, data, record_data
from .api.record_schemas import (
    CandidacyOut,
    ConsultationOut,
    ConsultationPriorityOut,
    EndorsementOut,
    ForumOut,
    PositionOut,
    QuestionOut,
)
from .api.schemas import AssessmentOut, ContractOut, ElectionOut, MunicipalityOut, PriorityOut
from .models import LICENCE_NAME, LICENCE_URL, OpenDataArchive
from .models.opendata import QUEUED_KEY

#: Where the archive is written in the media storage.
DIRECTORY = "opendata"
PREFIX = "pop-open-data-"
API_PREFIX = "/api/v1"


class SiteRequest:
    """What the schemas ask of a request outside one: absolute addresses."""

    def build_absolute_uri(self, location):
        return urljoin(settings.WAGTAILADMIN_BASE_URL, location)


def consultation_priorities():
    """Every consultation's priorities, with their results."""
    return (
        record_data.Priority.objects.source()
        .filter(contract__in=record_data.consultations().values("pk"))
        .order_by("contract_id", "order", "pk")
        .localized_in_every_language("title")
    )


def positions():
    return record_data.positions(record_data.endorsements())


#: Each table: (name, the endpoint it mirrors, its rows, their schema, what it holds).
TABLES = [
    ("municipalities", "/municipalities", data.municipalities, MunicipalityOut,
     _("The municipalities of the network.")),
    ("elections", "/elections", data.election_list, ElectionOut, _("Local elections.")),
    ("contracts", "/contracts", data.contract_list, ContractOut,
     _("Finalised Social Contracts, one per municipality and election.")),
    ("priorities", "/priorities", data.priorities, PriorityOut,
     _("The priorities of the finalised contracts.")),
    ("assessments", "/assessments", lambda: data.expand_evidence(data.assessments()),
     AssessmentOut, _("Published monitoring assessments, corrections included.")),
    ("forums", "/forums", lambda: record_data.expand_outcomes(record_data.forums()), ForumOut,
     _("Public forums before local elections.")),
    ("candidacies", "/candidacies", record_data.candidacies, CandidacyOut,
     _("Candidates for mayor confirmed by the network.")),
    ("positions", "/positions", positions, PositionOut,
     _("Each candidate's position on each priority, as signed.")),
    ("endorsements", "/endorsements", record_data.endorsements, EndorsementOut,
     _("Candidates' signatures of the contracts, and withdrawals.")),
    ("consultations", "/consultations",
     lambda: record_data.count_participants(record_data.consultations()), ConsultationOut,
     _("Public consultations: dates and participation (counts only).")),
    ("consultation_priorities", "/consultations/{contract_id}/priorities",
     consultation_priorities, ConsultationPriorityOut,
     _("The results of each consultation, priority by priority.")),
    ("questions", "/questions", record_data.answered_questions, QuestionOut,
     _("Citizens' questions answered at the forums (never who asked).")),
]  # fmt: skip

#: What each column holds (a column of several tables means the same in each).
COLUMNS = {
    "id": _("The row's identifier (stable)."),
    "slug": _("The municipality's identifier in addresses."),
    "name_sq": _("Name in Albanian."),
    "name_en": _("Name in English (the Albanian one where not translated)."),
    "date": _("The date (YYYY-MM-DD)."),
    "municipality": _("The municipality's slug."),
    "municipality_id": _("The municipality's id."),
    "municipality_slug": _("The municipality's slug."),
    "municipality_name_sq": _("The municipality's name in Albanian."),
    "municipality_name_en": _("The municipality's name in English."),
    "election_id": _("The election's id (see elections)."),
    "election_date": _("The election's date."),
    "election_name_sq": _("The election's name in Albanian."),
    "election_name_en": _("The election's name in English."),
    "finalised_at": _("When the contract was finalised."),
    "endorsement_deadline": _("The last day candidates could sign."),
    "priority_count": _("The number of priorities in the contract."),
    "contract_id": _("The contract's id (see contracts)."),
    "order": _("The priority's place in the network's order."),
    "sector_slug": _("The sector's identifier."),
    "sector_name_sq": _("The sector's name in Albanian."),
    "sector_name_en": _("The sector's name in English."),
    "origin": _("network: drafted by the network; citizen: suggested by a citizen."),
    "title_sq": _("Title in Albanian."),
    "title_en": _("Title in English."),
    "description_sq": _("Description in Albanian."),
    "description_en": _("Description in English."),
    "priority_id": _("The priority's id (see priorities)."),
    "as_of": _("The date the assessment describes."),
    "status": _("fully, partially or not addressed."),
    "evidence_html": _("The evidence, as HTML."),
    "evidence_text": _("The evidence, as plain text."),
    "sources": _("The sources, as a JSON list of title and address."),
    "documents": _("The documents, as a JSON list of title and address."),
    "corrects_id": _("The assessment this one corrects, if any."),
    "published_at": _("When it was published."),
    "reply_text": _("The municipality's reply, as written (empty when hidden or none)."),
    "reply_posted_on": _("The day the municipality replied."),
    "reply_hidden": _("The reply was hidden by the editors."),
    "reply_hidden_reason": _("Why the editors hid the reply."),
    "reply_documents": _("The reply's documents, as a JSON list of title and address."),
    "starts_at": _("When the forum started."),
    "venue_sq": _("The venue in Albanian."),
    "venue_en": _("The venue in English."),
    "address_sq": _("The address in Albanian."),
    "address_en": _("The address in English."),
    "outcome_sq": _("The outcome report in Albanian, as plain text."),
    "outcome_en": _("The outcome report in English, as plain text."),
    "name": _("The candidate's name, as on the ballot."),
    "party_id": _("The party's id (empty for an independent candidate)."),
    "party_short_name": _("The party's short name."),
    "party_name_sq": _("The party's name in Albanian."),
    "party_name_en": _("The party's name in English."),
    "confirmed": _("Confirmed by the network's editors."),
    "won": _("Elected mayor."),
    "endorsement_id": _("The endorsement's id (see endorsements)."),
    "candidacy_id": _("The candidacy's id (see candidacies)."),
    "position": _("commit, partly (commits in part) or decline."),
    "statement": _("The candidate's statement on the priority."),
    "signed_on": _("The day it was signed, in Tirana."),
    "withdrawn": _("The endorsement was withdrawn later."),
    "method": _("online, or forum (signed on paper at the forum)."),
    "withdrawn_on": _("The day it was withdrawn (empty if not)."),
    "withdrawal_reason": _("Why it was withdrawn."),
    "opens_at": _("When the consultation opened."),
    "closes_at": _("When the consultation closed."),
    "participants": _("Distinct citizens who supported or commented (a count only)."),
    "supports": _("Supports."),
    "comments": _("Visible comments."),
    "in_contract": _("The priority entered the contract."),
    "forum_id": _("The forum's id (see forums)."),
    "text": _("The question."),
    "answer_summary": _("A summary of the answer given at the forum."),
    "asked_on": _("The day it was asked, in Tirana."),
    "answered_on": _("The day it was answered, in Tirana."),
}


def _resolve(schema, node):
    """`node` of a JSON schema with its reference and nullability unwrapped."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(schema, option)
    return node


def columns(model):
    """The CSV columns of a schema: its fields, nested objects flattened
    (`name` → `name_sq`, `name_en`), lists kept as one JSON column."""
    schema = model.model_json_schema()

    def walk(node, prefix):
        for name, field in node["properties"].items():
            field = _resolve(schema, field)
            if field.get("type") == "object" or "properties" in field:
                yield from walk(field, f"{prefix}{name}_")
            else:
                yield f"{prefix}{name}"

    return list(walk(schema, ""))


def flat(item, prefix=""):
    """One JSON item as `{column: value}`."""
    row = {}
    for name, value in item.items():
        if isinstance(value, dict):
            row.update(flat(value, f"{prefix}{name}_"))
        elif isinstance(value, list):
            row[f"{prefix}{name}"] = json.dumps(value, ensure_ascii=False)
        else:
            row[f"{prefix}{name}"] = value
    return row


def items(model, rows):
    """The API's JSON items for `rows` (model instances or dicts)."""
    request = SiteRequest()
    return [
        model.model_validate(row, context={"request": request}).model_dump(mode="json")
        for row in rows
    ]


def csv_text(header, records):
    """CSV (UTF-8 with BOM, for spreadsheets) with formula-safe cells."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for record in records:
        row = flat(record)
        writer.writerow([neutralised(row.get(column)) for column in header])
    return "\ufeff" + out.getvalue()


def readme(built_at, counts):
    """README.md: what the archive holds, table by table and column by
    column, in Albanian and then in English."""
    parts = []
    for language in ("sq", "en"):
        with translation.override(language):
            parts.append(
                "# "
                + str(_("POP Network open data"))
                + "\n\n"
                + str(
                    _(
                        "Built on %(date)s. Every table of the API (%(api)s) as CSV "
                        "(UTF-8 with BOM) and JSON. Licence: %(licence)s (%(url)s): reuse "
                        "freely, citing the POP Network (Rrjeti POP). No personal data: "
                        "citizens are only counted."
                    )
                    % {
                        "date": timezone.localdate(built_at).isoformat(),
                        "api": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + API_PREFIX + "/docs",
                        "licence": LICENCE_NAME,
                        "url": LICENCE_URL,
                    }
                )
                + "\n"
            )
            for name, endpoint, _rows, model, about in TABLES:
                parts.append(
                    f"\n## {name}.csv, {name}.json\n\n{about} "
                    + str(_("Rows: %(count)s. API: %(endpoint)s"))
                    % {"count": counts[name], "endpoint": API_PREFIX + endpoint}
                    + "\n\n"
                )
                parts.extend(f"- `{column}`: {COLUMNS[column]}\n" for column in columns(model))
            parts.append("\n")
    return "".join(parts)


LICENSE_TEXT = f"""POP Network open data / Të dhënat e hapura të Rrjetit POP

Licensed under the Creative Commons Attribution 4.0 International licence
({LICENCE_NAME}). Me licencën Creative Commons Attribution 4.0 International.

{LICENCE_URL}
{LICENCE_URL}legalcode
"""


def archive_bytes(built_at):
    """`(ZIP bytes, {table: rows})` of the whole open data now."""
    buffer = io.BytesIO()
    counts = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _endpoint, rows, model, _about in TABLES:
            records = items(model, rows())
            counts[name] = len(records)
            archive.writestr(f"{name}.csv", csv_text(columns(model), records))
            archive.writestr(f"{name}.json", json.dumps(records, ensure_ascii=False, indent=1))
        archive.writestr("README.md", readme(built_at, counts))
        archive.writestr("LICENSE", LICENSE_TEXT)
    return buffer.getvalue(), counts


def write_atomically(name, content):
    """Write `content` at `name` in the (file-system) media storage: to a
    temporary file beside it, then moved into place in one step."""
    path = default_storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # noqa: S103 - a public download
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def build_archive():
    """Build the archive, record it, and remove the previous builds' files."""
    cache.delete(QUEUED_KEY)
    built_at = timezone.now()
    content, counts = archive_bytes(built_at)
    name = f"{DIRECTORY}/{PREFIX}{timezone.localdate(built_at).isoformat()}.zip"
    write_atomically(name, content)
    archive = OpenDataArchive.objects.create(
        file=name,
        built_at=built_at,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        row_counts=counts,
    )
    for old in OpenDataArchive.objects.exclude(file=name):
        if default_storage.exists(old.file):
            default_storage.delete(old.file)
    OpenDataArchive.objects.exclude(pk=archive.pk).delete()
    return archive.pk


def api_endpoints(base_url):
    """Every GET endpoint of the API, from its OpenAPI schema: its path,
    summary, description, query parameters and a `curl` line on `base_url`,
    in the schema's order."""
    return [
        {**endpoint, "curl": f"curl '{base_url.rstrip('/')}{endpoint['example']}'"}
        for endpoint in _endpoints()
    ]


@functools.cache
def _endpoints():
    """The GET endpoints as the schema describes them (it never changes while
    the site runs: read once)."""
    schema = api.get_openapi_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        example = path
        for p in operation.get("parameters", []):
            if p["in"] == "path":
                value = "1" if p.get("schema", {}).get("type") == "integer" else "durres"
                example = example.replace("{%s}" % p["name"], value)  # noqa: UP031
        endpoints.append(
            {
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": parameters,
                "example": example + ("?page_size=10" if "page_size" in parameters else ""),
            }
        )
    return endpoints
