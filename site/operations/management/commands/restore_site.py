from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive: check every media file against the manifest, "
        "replace the database (pg_restore --clean) and MEDIA_ROOT. Refuses a database "
        "that has tables unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already has tables, and MEDIA_ROOT",
        )

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database and {manifest['file_count']} media files "
                f"from {file} (made {manifest['created']})."
            )
        )
