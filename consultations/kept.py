"""What consultation pages compute once per page generation.

`kept(key_parts, compute)` returns `compute()`, kept by the site's fragment
cache (`pagecache.fragments.cached`) under the *current* generation
(`pagecache.invalidation.current_token`, read once per request), which every
change renews, supports and comments included: what is kept here may show
counts and discussions. Where the page cache is off (development, tests)
`compute()` is simply called. `compute` returns picklable data that does not
depend on the visitor.
"""

from pagecache.fragments import cached
from pagecache.invalidation import current_token


def kept(key_parts, compute):
    """`compute()`, once per generation (see the module docstring)."""
    return cached(key_parts, compute, token=current_token)
