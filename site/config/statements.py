"""Queries run on every signed-in request, compiled once per database and
process.

Building a queryset and compiling it to SQL costs more CPU than running it
when the query is small and the database answers from memory (loading the
account, the reader's own state: ~1 ms of the ORM's work each, on every
signed-in page). `Statement` builds and compiles its queryset the first time
a database is asked, with placeholder values standing for the ones that
change, and afterwards only puts the request's values in their places.

The queryset is the single description of the query (no SQL is written by
hand): what the ORM would run is what runs. A placeholder must be a value no
other parameter of the query has; it is found among the compiled parameters
by value.
"""

from django.db import connections


class Statement:
    """`build(**placeholders)` (a queryset) compiled once per database
    alias; `sql(using, **values)` gives the SQL and its parameters with the
    values in the placeholders' places, `rows(using, **values)` runs it."""

    def __init__(self, build, **placeholders):
        self._build = build
        self._placeholders = placeholders
        self._compiled = {}  # alias → (SQL, parameters, {name: positions})

    def _compile(self, using):
        if using not in self._compiled:
            query = self._build(**self._placeholders).query
            sql, params = query.get_compiler(using).as_sql()
            params = tuple(params)
            positions = {
                name: [i for i, param in enumerate(params) if param == value]
                for name, value in self._placeholders.items()
            }
            missing = [name for name, found in positions.items() if not found]
            if missing:
                raise ValueError(f"Placeholders not found in the compiled query: {missing}")
            self._compiled[using] = (sql, params, positions)
        return self._compiled[using]

    def sql(self, using, **values):
        sql, params, positions = self._compile(using)
        params = list(params)
        for name, value in values.items():
            for position in positions[name]:
                params[position] = value
        return sql, params

    def rows(self, using, **values):
        """The rows as the database answers them (no field conversion: the
        caller reads booleans with `bool()` where SQLite answers 0 or 1)."""
        sql, params = self.sql(using, **values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
