"""gunicorn settings for quotes: each worker loads the model itself, gthread workers, metrics summed
over workers (Prometheus multiprocess mode). Run: `gunicorn -c gunicorn.conf.py 'service:create_app()'`.

The QUOTES_* variables are read by service/config.py, loaded here by path: importing the `service`
package would import torch in the master, and torch must only start after the fork (no preload_app).
"""

import glob
import importlib.util
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("quotes_config", Path(__file__).parent / "service" / "config.py")
_config = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _config  # dataclasses look their module up there
_spec.loader.exec_module(_config)
_server = _config.server_settings_from_environ()

# Before any worker imports prometheus_client: its value class is chosen at import time.
_METRICS_DIR_IS_OURS = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _METRICS_DIR_IS_OURS:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="quotes-metrics-")
METRICS_DIR = os.environ["PROMETHEUS_MULTIPROC_DIR"]
os.makedirs(METRICS_DIR, exist_ok=True)

# workers x torch threads <= cores: the workers read QUOTES_TORCH_THREADS and pass it to the engine.
os.environ.setdefault("QUOTES_TORCH_THREADS", str(_server.torch_threads))
os.environ.setdefault("OMP_NUM_THREADS", os.environ["QUOTES_TORCH_THREADS"])
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

wsgi_app = "service:create_app()"
bind = _server.bind
workers = _server.workers
worker_class = "gthread"
threads = _server.threads  # inference is one at a time per worker; the other threads answer probes
preload_app = False  # each worker loads its own model, after the fork
timeout = _server.timeout  # a 100,000-character article must fit in it
graceful_timeout = 30
control_socket_disable = True  # no gunicornc; two servers on one machine would share its socket path
keepalive = 5
max_requests = 1000
max_requests_jitter = 100
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off the (possibly slow, overlay) disk

_settings = _config.settings_from_environ()
loglevel = _settings["LOG_LEVEL"].lower()
# QUOTES_LOG_FORMAT=json: JSON lines (service/logs.py, also loaded by path); the app then writes one
# record per request, so gunicorn's text access line is off.
accesslog = "-" if _settings["LOG_FORMAT"] == "text" else None
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
if _settings["LOG_FORMAT"] == "json":
    _logs_spec = importlib.util.spec_from_file_location("quotes_logs", Path(__file__).parent / "service" / "logs.py")
    _logs = importlib.util.module_from_spec(_logs_spec)
    _logs_spec.loader.exec_module(_logs)
    logconfig_dict = _logs.gunicorn_logconfig(_settings["LOG_LEVEL"])


def on_starting(server):
    # Samples left by an earlier server in the same directory would be summed with ours.
    for path in glob.glob(os.path.join(METRICS_DIR, "*.db")):
        os.remove(path)
    server.log.info(
        "metrics in %s; %d workers x %s torch threads; %s MB address space per worker",
        METRICS_DIR,
        workers,
        os.environ["QUOTES_TORCH_THREADS"],
        _server.worker_memory_mb or "unlimited",
    )


def post_fork(server, worker):
    if _server.worker_memory_mb:
        limit = _server.worker_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def post_worker_init(worker):
    # A replacement worker (after max_requests, or one that died) loads its model before it takes
    # connections, so that clients never meet its 503s while the other workers serve. The first
    # workers start accepting at once: /v1/health/live answers, /ready says 503 until they are loaded.
    if worker.age <= worker.cfg.workers:
        return
    engine = worker.wsgi.extensions["quotes.engine"]
    deadline = time.monotonic() + max(10, timeout - 10)
    while not engine.wait(timeout=1.0) and engine.state == "loading" and time.monotonic() < deadline:
        worker.notify()  # the arbiter's heartbeat: loading is not hanging
    worker.log.info("replacement worker %s: model %s", worker.pid, engine.state)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _METRICS_DIR_IS_OURS:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
