"""Run the web server and the django-q2 worker together; Ctrl-C stops both.

Each child runs in its own session, so the terminal's Ctrl-C reaches only this
command, which then stops the children itself: the web server's whole process
group (it has an autoreloader child), but only the worker's main process —
SIGTERM sent to qcluster's whole process group can deadlock it (django-q2
issue #346) — with a kill as the fallback.

Both children get `SITE_URL`: the environment's, or the address served
(`run_site 127.0.0.1:8123` → http://127.0.0.1:8123), and Wagtail's default
Site is aligned with it, so every link printed or e-mailed names it.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from demo.address import align_default_site, site_url_for


class Command(BaseCommand):
    help = "Serve the site and run the background worker until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, sys.argv[0]]
        site_url = os.environ.get("SITE_URL") or site_url_for(addrport)
        align_default_site(site_url)
        env = {**os.environ, "SITE_URL": site_url}
        web = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", addrport], start_new_session=True, env=env
        )
        worker = subprocess.Popen([*manage, "qcluster"], start_new_session=True, env=env)  # noqa: S603
        self.stdout.write(f"Site at {site_url}/ and the worker are running; Ctrl-C stops.")

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
