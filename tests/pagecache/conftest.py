"""The consultation and scorecard fixtures, for the page cache's tests."""

from ..consultations.conftest import (  # noqa: F401
    consultation,
    contract,
    index_page,
    make_page,
    priorities,
)
from ..scorecards.conftest import make_scorecard_page, scorecard_index  # noqa: F401
