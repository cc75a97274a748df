from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's management commands (bench settings only: the app is
    not installed in development, test or production)."""

    name = "bench"
    label = "bench"
    verbose_name = "Benchmark"
