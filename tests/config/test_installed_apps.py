"""The demo content and the benchmark are not shipped to production: their
apps (and so their commands) are installed only by the settings that use
them."""

import json
import secrets

from django.conf import settings

from ..manage_cli import run_manage

PRINT_APPS = (
    "import json; from django.conf import settings; print(json.dumps(settings.INSTALLED_APPS))"
)


def installed_apps(settings_module, **env):
    result = run_manage("shell", "-c", PRINT_APPS, settings=settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def commands(settings_module, **env):
    result = run_manage("help", "--commands", settings=settings_module, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_installs_neither_the_demo_nor_the_benchmark():
    production = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "pop.example.org"}

    apps = installed_apps("config.settings.production", **production)
    available = commands("config.settings.production", **production)

    assert "pagecache" in apps
    assert "demo" not in apps
    assert "bench" not in apps
    assert "load_demo_data" not in available
    assert "run_site" not in available
    assert "bench" not in available


def test_development_has_the_demo_commands():
    available = commands("config.settings.dev")

    assert "load_demo_data" in available
    assert "run_site" in available
    assert "bench" not in available


def test_the_tests_have_the_demo_but_not_the_benchmark():
    assert "demo" in settings.INSTALLED_APPS
    assert "bench" not in settings.INSTALLED_APPS
