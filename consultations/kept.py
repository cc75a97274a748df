"""What consultation pages compute once per page generation.

`kept(request, key_parts, compute)` returns `compute()`, kept by the site's
fragment cache (`pagecache.fragments.cached`) under the *current*
generation (`pagecache.invalidation.current_token`), which every change
renews, supports and comments included: what is kept here may show counts
and discussions. Where the page cache is off (development, tests)
`compute()` is simply called. `compute` returns picklable data that does not
depend on the visitor.

The generation is read once per request (`generation`): everything a page
keeps or finds is under the token read first, so a change made while the
page renders retires what it stored, as when each read its own.
"""

from pagecache.fragments import cached
from pagecache.invalidation import current_token


def generation(request):
    """The current generation token, read from the cache once per request."""
    if not hasattr(request, "_consultations_generation"):
        request._consultations_generation = current_token()
    return request._consultations_generation


def kept(request, key_parts, compute):
    """`compute()`, once per generation (see the module docstring)."""
    return cached(key_parts, compute, token=lambda: generation(request))
