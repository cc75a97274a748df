from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for development: `manage.py load_demo_data` and
    `manage.py run_site`. Installed by the dev, test and bench settings only,
    never in production. It sits at the top of the app chain, so it may use
    every app."""

    name = "demo"
    verbose_name = "Demo content"
