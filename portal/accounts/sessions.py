"""Django's database sessions, read with one plain statement.

Every signed-in request reads its session first; the ORM builds that query anew each time
(a third of a cached page's whole cost for a signed-in reader). The row, what is stored in it and
when it ends are Django's own (``django.contrib.sessions``): only the read differs.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class _Row:
    __slots__ = ("session_data",)

    def __init__(self, session_data: str):
        self.session_data = session_data


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # None when the cookie's key is not a valid one
        if key is None:
            return None
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # The table's name is the model's own, quoted; the key and the time are parameters.
        statement = f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(statement, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return _Row(row[0])
