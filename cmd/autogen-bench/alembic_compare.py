"""Times Alembic's autogenerate comparison on a database, for autogen-bench.

Usage: python3 alembic_compare.py URL RUNS

URL is an SQLAlchemy URL (postgresql+psycopg2://... or sqlite:///...). The
script compares the database with an empty target MetaData through
alembic.autogenerate.compare_metadata, RUNS times, each on a fresh engine
(no reflection cache carried over), and counts the statements SQLAlchemy
sends with a before_cursor_execute listener. An empty target makes Alembic
reflect every table once (to describe the tables it would drop) and skip the
per-table comparisons it makes when the model has the table too, so the
figure is a lower bound of a real autogenerate run.

It prints one JSON object: {"alembic": version, "sqlalchemy": version,
"seconds": [per run], "statements": per run, "tables": reflected}.
"""

import json
import sys
import time

import alembic
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event


def main():
    url, runs = sys.argv[1], int(sys.argv[2])
    seconds, statements, tables = [], 0, 0
    for _ in range(runs):
        engine = sqlalchemy.create_engine(url)
        sent = [0]

        def count(conn, cursor, statement, parameters, context, executemany):
            sent[0] += 1

        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")  # connect before timing
            event.listen(engine, "before_cursor_execute", count)
            start = time.perf_counter()
            ctx = MigrationContext.configure(conn)
            diffs = compare_metadata(ctx, sqlalchemy.MetaData())
            seconds.append(time.perf_counter() - start)
            event.remove(engine, "before_cursor_execute", count)
        engine.dispose()
        statements = sent[0]
        tables = sum(1 for d in diffs if d[0] == "remove_table")
    print(json.dumps({
        "alembic": alembic.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "seconds": seconds,
        "statements": statements,
        "tables": tables,
    }))


if __name__ == "__main__":
    main()
