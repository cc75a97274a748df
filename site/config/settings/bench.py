"""The benchmark (`make bench`): production settings with throwaway values for
what production requires, and the `demo` and `bench` apps for their commands.

`manage.py bench` runs every step (generation, gunicorn, the query pass) as a
child process that inherits this environment, so the generated SECRET_KEY is
the same in all of them (sessions made in one are valid in the others).
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "bench-throwaway-" + secrets.token_urlsafe(48))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # plain HTTP on 127.0.0.1
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pop_bench_small")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")

from .production import *  # noqa: E402, F403

# The bench database starts from the demo content (load_demo_data).
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "bench"]  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "ERROR")  # noqa: F405 - no line per 409
LOGGING["handlers"]["console"]["level"] = os.environ.get("LOG_LEVEL", "ERROR")  # noqa: F405
