"""How the API answers: conditional and cacheable (ETag, Last-Modified, 304)
and paginated with bounded inputs."""

import datetime
import hashlib
from functools import wraps

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from .. import parameters
from . import data

#: How long browsers and proxies may reuse an answer without asking again.
MAX_AGE = 300
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


def cacheable(view):
    """ETag (from the data's fingerprint, the address and the day: defaults
    depend on today) and Last-Modified on successful answers; 304 when the
    client's copy is current; public caching for a short while."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # The middleware that finishes the answer sees only the API's own
        # addresses (no language prefix to redirect a 404 to).
        request.urlconf = "scorecards.api.urls"
        version, modified = data.fingerprint()
        midnight = timezone.make_aware(
            datetime.datetime.combine(parameters.today(), datetime.time())
        )
        last_modified = max(filter(None, [modified, midnight]))
        key = f"{version}|{request.get_full_path()}|{parameters.today()}"
        etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
        timestamp = int(last_modified.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(timestamp)
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapper


class Page(PageNumberPagination):
    """Page-number pagination with bounded inputs; `prepare` may complete the
    items of a page in a fixed number of queries."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description=f"Default {PAGE_SIZE}."
        )

    def __init__(self, prepare=None, **kwargs):
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
        self.prepare = prepare

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        if self.prepare is not None:
            result[self.items_attribute] = self.prepare(result[self.items_attribute])
        return result
