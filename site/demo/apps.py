from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for development: `manage.py load_demo_data`. It sits at
    the top of the app chain, so it may use every app."""

    name = "demo"
    verbose_name = "Demo content"
