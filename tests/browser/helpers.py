"""Moving around the site in a browser test, checking each page with axe-core."""

from contextlib import contextmanager


def visit(page, url):
    """Open `url` and check the page it shows with axe-core."""
    response = page.goto(url)
    page.accessibility_scanner.scan()
    return response


@contextmanager
def navigate(page):
    """Wrap an action that loads a new page (a click, a form submission); the
    page it leads to is checked with axe-core."""
    with page.expect_navigation():
        yield
    page.accessibility_scanner.scan()
