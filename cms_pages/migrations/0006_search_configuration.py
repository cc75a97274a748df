"""PostgreSQL's text search configuration for the site search: `pop_search`,
the `simple` configuration (lower case, no stemming: no PostgreSQL stemmer
knows Albanian) with accents folded by the `unaccent` dictionary, so that
"korce" finds "Korçë" and "Korçë" finds "korce". Where the extension cannot
be created (no privilege), the configuration is `simple` alone. Nothing to do
on SQLite: FTS5's tokenizer folds diacritics itself.

Existing index entries keep the configuration they were made with: run
`manage.py update_index` after this migration on a site with content."""

from django.db import DatabaseError, migrations, transaction

CONFIGURATION = "pop_search"


def create_configuration(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError:
            pass  # not allowed here: accents then stay as they are
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        has_unaccent = cursor.fetchone() is not None
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIGURATION])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = simple)")
            if has_unaccent:
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
                    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
                )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION}")


class Migration(migrations.Migration):
    dependencies = [("cms_pages", "0005_source_language_choices")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
