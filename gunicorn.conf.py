"""gunicorn settings shared by every way the app is served under gunicorn.

Read by ``gunicorn -c gunicorn.conf.py wsgi:app`` and by the load benchmark
(``bench/load.py``); command-line options override these. Environment:

- ``SURVEY_APP_BIND`` (default ``127.0.0.1:8000``): nginx proxies to it;
- ``SURVEY_APP_WORKERS`` (default: 2 per CPU core the process may use): sync workers.
  A respondent's request is short and mostly CPU (about 2 ms), so a few processes per
  core keep the cores busy while others wait on the database.
"""

from __future__ import annotations

import os

bind = os.environ.get("SURVEY_APP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SURVEY_APP_WORKERS") or 2 * len(os.sched_getaffinity(0)))
worker_class = "sync"
#: Import the app once in the master: workers fork with the code, the templates and the
#: translations already loaded (faster start, shared pages). ``create_app`` opens no
#: database connection, so nothing is shared across the fork.
preload_app = True
#: A sync worker handles one request at a time; a long one is an export in the
#: background thread, never the request itself.
timeout = 60
graceful_timeout = 30
#: No access log: the privacy filter would blank addresses, but the paths alone, with
#: their times, date responses (see docs/operations.md, Scaling).
accesslog = None
