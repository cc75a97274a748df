"""Run the web server and the django-q2 worker together; Ctrl-C stops both.

Each child runs in its own session, so the terminal's Ctrl-C reaches only this
command, which then stops the children itself: the web server's whole process
group (it has an autoreloader child), but only the worker's main process —
SIGTERM sent to qcluster's whole process group can deadlock it (django-q2
issue #346) — with a kill as the fallback.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site and run the background worker until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, sys.argv[0]]
        web = subprocess.Popen([*manage, "runserver", addrport], start_new_session=True)  # noqa: S603
        worker = subprocess.Popen([*manage, "qcluster"], start_new_session=True)  # noqa: S603
        self.stdout.write(f"Site at http://{addrport}/ and the worker are running; Ctrl-C stops.")

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and web.poll() is None and worker.poll() is None:
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping…")
            self._stop(web, group=True)
            self._stop(worker, group=False)
        self.stdout.write("Stopped.")

    def _stop(self, process, *, group):
        if process.poll() is not None:
            return
        if group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
