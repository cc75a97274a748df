#!/usr/bin/env python
"""Django's command-line utility for the POP Platform."""

import os
import sys
from pathlib import Path

# `site/` is a plain folder, not a package (the standard library owns the name
# `site`): put it on the import path so `config` and `accounts` import by name.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
