"""Production settings: they refuse to start without their secrets, and pass
Django's deployment checks once the documented variables are set."""

import secrets

from ..manage_cli import run_manage


def manage(*args, **env):
    """manage.py with the production settings and only the given variables
    (the ones under test) set."""
    return run_manage(
        *args, settings="config.settings.production", drop={"SECRET_KEY", "ALLOWED_HOSTS"}, **env
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", ALLOWED_HOSTS="pop.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set in the environment" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", SECRET_KEY="too-short", ALLOWED_HOSTS="pop.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment (50 characters or more)" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in the environment" in result.stderr


def test_deploy_checks_pass_with_the_documented_variables():
    result = manage(
        "check", "--deploy", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="pop.example.org"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_number_of_trusted_proxies_comes_from_the_environment():
    """allauth's limits and the contact form's read the visitor's address as
    far back in X-Forwarded-For as TRUSTED_PROXY_COUNT says (nginx: 1)."""
    show = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    documented = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "pop.example.org"}

    behind_nginx = manage(
        "shell", "--no-imports", "-c", show, TRUSTED_PROXY_COUNT="1", **documented
    )
    unset = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        settings="config.settings.production",
        drop={"TRUSTED_PROXY_COUNT"},
        **documented,
    )

    assert behind_nginx.stdout.strip() == "1", behind_nginx.stderr
    assert unset.stdout.strip() == "0", unset.stderr
