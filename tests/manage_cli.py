"""Running manage.py in a fresh interpreter, for what only a new process
shows: settings read at start-up, the worker, the broker."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, settings, drop=(), **env):
    """manage.py `args` with `settings`, the variables in `drop` unset and
    `env` set; returns the CompletedProcess."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", *drop, *env}
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings, **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
