from django.core.management.base import BaseCommand

from bench.generate import Generator
from bench.presets import PRESETS


class Command(BaseCommand):
    help = "Add the benchmark's dataset to the demo content (bench settings only)."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small")

    def handle(self, *args, preset, **options):
        Generator(PRESETS[preset], lambda message: self.stdout.write(f"  {message}")).run()
