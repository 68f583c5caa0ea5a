"""Opening a store: where it lives, checking it is ours, and migrating it.

The default store is a SQLite file, `mubiao.db`, in the first of `$MUBIAO_HOME`,
`$XDG_DATA_HOME/mubiao`, `~/.local/share/mubiao`; `$MUBIAO_DB` (or `--db`)
overrides it with a path or a SQLAlchemy URL (`postgresql+psycopg://…`).

Before anything is written the database is probed: an empty one is set up, one
of ours is migrated to the newest schema (Alembic, run in one transaction), and
anything else is refused untouched (an existing SQLite file is only ever
opened read-only until it is known to be ours).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from mubiao.errors import (
    MigrationFailed,
    NewerDatabase,
    NoStore,
    NotAMubiaoDatabase,
    UnreachableDatabase,
    UnsupportedDatabase,
)
from mubiao.store.schema import VERSION_TABLE

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
#: Execution option that makes a SQLite transaction take the write lock at once.
WRITE = {"mubiao_write": True}


def default_url() -> str:
    """The store used when no --db is given: `$MUBIAO_DB`, else a file in the data folder."""
    if os.environ.get("MUBIAO_DB"):
        return as_url(os.environ["MUBIAO_DB"])
    home = os.environ.get("MUBIAO_HOME")
    if not home:
        data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        home = str(Path(data) / "mubiao")
    return as_url(str(Path(home) / "mubiao.db"))


def as_url(value: str) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (taken as a SQLite file)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def display(url: str | URL) -> str:
    """The URL as shown to a user: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def open_engine(url: str | None = None, create: bool = True) -> Engine:
    """Connect to the store at `url` (default: `default_url()`), set it up or migrate it.

    With `create=False` (the commands that only read) a missing SQLite file or an
    empty database is refused with `NoStore`, and nothing is created.
    """
    url = as_url(url) if url else default_url()
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise UnsupportedDatabase(scheme=url.split("://")[0]) from err
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise UnsupportedDatabase(display(parsed), scheme=parsed.drivername)
    if backend == "sqlite":
        if not create:
            _require_sqlite_file(parsed)
        _probe_sqlite_file(parsed, create_parent=url == default_url())
    try:
        engine = connect(parsed)
    except (NoSuchModuleError, ImportError) as err:
        raise UnsupportedDatabase(display(parsed), scheme=parsed.drivername) from err
    try:
        with engine.connect() as conn:
            revision = _classify(conn, parsed)
    except SQLAlchemyError as err:
        engine.dispose()
        raise _unreachable(parsed, err) from err
    except Exception:
        engine.dispose()
        raise
    if revision is None and not create:
        engine.dispose()
        raise NoStore(display(parsed), detail="the database is empty", where=display(parsed))
    try:
        if revision != head_revision():
            migrate(engine)
    except Exception as err:  # a failing migration script or statement
        engine.dispose()
        raise MigrationFailed(display(parsed), detail=f"{type(err).__name__}: {err}") from err
    return engine


#: The PostgreSQL advisory-lock key held while the schema is created or upgraded ("mubiao" in ASCII).
MIGRATION_LOCK = 0x6D7562696171


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` in one transaction (tests use older revisions).

    Several first writers may open an empty PostgreSQL database at once: each takes the same
    transaction-scoped advisory lock first, so one creates the schema and the others, let in
    after its commit, find it at head and do nothing (SQLite's BEGIN IMMEDIATE does the same).
    """
    with engine.connect().execution_options(**WRITE) as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration for the packaged migrations (also for `alembic revision`)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_table", VERSION_TABLE)
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    """The newest schema revision this mubiao knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision a database is at (None for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


def connect(url: str | URL) -> Engine:
    """An engine with the store's connection settings, neither probed nor migrated (tests, tools)."""
    url = make_url(as_url(url) if isinstance(url, str) else url)
    options: dict[str, Any] = {
        "json_serializer": lambda obj: json.dumps(obj, ensure_ascii=False),
    }
    if url.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": 60}
        engine = create_engine(url, **options)
        _sqlite_transactions(engine)
        return engine
    options["pool_pre_ping"] = True
    options["connect_args"] = {"connect_timeout": 10}
    return create_engine(url, **options)


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions (DDL included) and the pragmas the store relies on.

    pysqlite only opens a transaction before INSERT/UPDATE/DELETE; we turn that
    off and emit BEGIN ourselves, BEGIN IMMEDIATE for writers so that two
    writing processes queue instead of failing with "database is locked".
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL: safe on a crash, fsync only at checkpoints
        cursor.execute("PRAGMA wal_autocheckpoint = 10000")  # pages (40 MB): fewer checkpoints while ingesting
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("mubiao_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _require_sqlite_file(url: URL) -> None:
    """Refuse a SQLite store that does not exist, before anything (its folder, its file) is made."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        detail = "no such file" if not path.exists() else "the file is empty"
        raise NoStore(display(url), detail=detail, where=database)


def _probe_sqlite_file(url: URL, create_parent: bool) -> None:
    """Refuse, without writing to it, an existing file that is not an empty or mubiao SQLite database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists():
        if not path.parent.exists():
            if not create_parent:
                raise UnreachableDatabase(display(url), detail=f"folder {path.parent} does not exist")
            path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.is_dir():
        raise NotAMubiaoDatabase(display(url), detail="it is a folder")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotAMubiaoDatabase(display(url), detail="the file is not a SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise NotAMubiaoDatabase(display(url), detail=f"SQLite cannot read it: {err}") from err
    _check_tables(url, names)


def _classify(conn: Any, url: URL) -> str | None:
    """The database's revision: None if empty; refuses one that is not ours or too new."""
    names = inspect(conn).get_table_names()
    _check_tables(url, names)
    if VERSION_TABLE not in names:
        return None
    revision = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise NewerDatabase(display(url), revision=revision)
    return revision


def _check_tables(url: URL, names: list[str]) -> None:
    user_tables = [n for n in names if not n.startswith("sqlite_")]
    if user_tables and VERSION_TABLE not in user_tables:
        shown = ", ".join(sorted(user_tables)[:5]) + (", …" if len(user_tables) > 5 else "")
        raise NotAMubiaoDatabase(display(url), detail=f"it holds other tables: {shown}")


def _unreachable(url: URL, err: SQLAlchemyError) -> UnreachableDatabase:
    detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
    return UnreachableDatabase(display(url), detail=detail)
