#!/usr/bin/env python3
"""moto_server (moto 5.2: the same WSGI app on werkzeug, threaded) with one log line per request:
start (Unix s), wall seconds, CPU seconds of the serving thread, method, path[?query], SQS action.
Usage: moto-timed.py PORT LOGFILE (binds 127.0.0.1)."""
import io
import os
import sys
import threading
import time

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import WSGIRequestHandler, run_simple

port = int(sys.argv[1])
log = open(sys.argv[2], "w", buffering=1)
os.environ["MOTO_PORT"] = str(port)
app = DomainDispatcherApplication(create_backend_app)
lock = threading.Lock()


def timed(environ, start_response):
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    action = target.split(".")[-1] if target else ""
    if environ["REQUEST_METHOD"] == "POST" and environ.get("PATH_INFO") == "/" and not action:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        action = next((p[7:].decode() for p in body.split(b"&") if p.startswith(b"Action=")), "")
    started, cpu = time.time(), time.thread_time()
    body = b"".join(app(environ, start_response))
    query = "?" + environ["QUERY_STRING"][:40] if environ.get("QUERY_STRING") else ""
    with lock:
        log.write(f"{started:.3f} {time.time() - started:.4f} {time.thread_time() - cpu:.4f} "
                  f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO')}{query} {action}\n")
    return [body]


class Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


run_simple("127.0.0.1", port, timed, threaded=True, request_handler=Quiet)
