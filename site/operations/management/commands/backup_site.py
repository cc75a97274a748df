from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write one backup file (tar.gz) of the PostgreSQL database and MEDIA_ROOT, "
        "with a manifest of every media file's sha256. Restore it with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. pop-2026-12-02.tar.gz")

    def handle(self, *args, file, **options):
        try:
            manifest = write_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the database and {manifest['file_count']} media files to {file}."
            )
        )
