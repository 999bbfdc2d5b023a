"""gunicorn settings for quotes: each worker loads the model itself, gthread workers with deadlines and
a bounded queue (service/worker.py), metrics summed over workers (Prometheus multiprocess mode).
Run: `gunicorn -c gunicorn.conf.py 'service:create_app()'`. The QUOTES_* variables are read by
service/config.py; importing it loads no torch (which must only start after the fork: no preload_app).
"""

import glob
import os
import resource
import shutil
import tempfile

# Before anything imports prometheus_client (its value class is chosen at import time).
_METRICS_DIR_IS_OURS = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _METRICS_DIR_IS_OURS:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="quotes-metrics-")
METRICS_DIR = os.environ["PROMETHEUS_MULTIPROC_DIR"]
os.makedirs(METRICS_DIR, exist_ok=True)
ROSTER_DIR = tempfile.mkdtemp(prefix="quotes-workers-")  # which workers are ready (service/worker.py)

from service.config import server_settings_from_environ, settings_from_environ  # noqa: E402 -- after the metrics dir
from service.logs import gunicorn_logconfig  # noqa: E402
from service.worker import QuotesWorker, WorkerRoster, count_attribution_request  # noqa: E402

_server = server_settings_from_environ()
QuotesWorker.settings = _server
QuotesWorker.roster_dir = ROSTER_DIR

# workers x torch threads <= cores: the workers read QUOTES_TORCH_THREADS and pass it to the engine.
os.environ.setdefault("QUOTES_TORCH_THREADS", str(_server.torch_threads))
os.environ.setdefault("OMP_NUM_THREADS", os.environ["QUOTES_TORCH_THREADS"])
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

wsgi_app = "service:create_app()"
bind = _server.bind
workers = _server.workers
worker_class = QuotesWorker
threads = _server.threads  # inference is one at a time per worker; the other threads read requests and answer probes
preload_app = False  # each worker loads its own model, after the fork
timeout = _server.timeout  # the worker's main loop heartbeat (requests have their own deadlines)
graceful_timeout = 30
control_socket_disable = True  # no gunicornc; two servers on one machine would share its socket path
keepalive = _server.keepalive  # also how long a new connection may stay silent
# gunicorn's max_requests would count probes and recycle every worker at once (issue 9): recycling
# is QuotesWorker's, by memory or attribution requests, one worker at a time.
max_requests = 0
pre_request = count_attribution_request  # the server hook that counts attribution requests for that
# The request line and headers: a URL or header over these gets 414 / 431 (problem+json).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off the (possibly slow, overlay) disk

_settings = settings_from_environ()
loglevel = _settings["LOG_LEVEL"].lower()
# QUOTES_LOG_FORMAT=json: JSON lines (service/logs.py); the app then writes one record per request,
# so gunicorn's text access line is off.
accesslog = "-" if _settings["LOG_FORMAT"] == "text" else None
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
if _settings["LOG_FORMAT"] == "json":
    logconfig_dict = gunicorn_logconfig(_settings["LOG_LEVEL"])


def on_starting(server):
    # Samples left by an earlier server in the same directory would be summed with ours.
    for path in glob.glob(os.path.join(METRICS_DIR, "*.db")):
        os.remove(path)
    server.log.info(
        "metrics in %s; %d workers x %s torch threads x %d request threads; read deadline %d s; "
        "%s MB address space per worker; recycling at %s MB resident or %s attribution requests",
        METRICS_DIR,
        workers,
        os.environ["QUOTES_TORCH_THREADS"],
        threads,
        _server.read_timeout,
        _server.worker_memory_mb or "unlimited",
        _server.recycle_rss_mb or "never",
        _server.recycle_after_requests or "never",
    )


def post_fork(server, worker):
    if _server.worker_memory_mb:
        limit = _server.worker_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
    WorkerRoster(ROSTER_DIR).unmark(worker.pid)


def on_exit(server):
    if _METRICS_DIR_IS_OURS:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
    shutil.rmtree(ROSTER_DIR, ignore_errors=True)
