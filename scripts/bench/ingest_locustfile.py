"""The ingest benchmark's load (scripts/bench-ingest.sh): each simulated client signs up as
ACCOUNTS candidates, accepts exam 000's pledge for each, then uploads the same ~250 KB JPEG to
其他材料, place after place, as fast as the server answers, moving to its next account when one
holds the 20 pictures a category takes (the cap since issue 50: before this, every upload after the
twentieth was refused in a millisecond and counted as throughput). With ZIGE_BENCH_BARE=1 it skips
the accounts and posts the same multipart body to the bare handler. Only the uploads are counted
("upload"), and only once every client is signed in: the statistics start again then, so a
password hash at sign-up (which the bare handler never computes) is not counted as upload time,
and the run ends ZIGE_BENCH_SECONDS after that, so every setup is counted over the same window
(the sign-ups took up to 7 s of a fixed run time, which the yardstick never spends).
A refused upload fails the run's count ("failed"), so a cap reached shows at once."""

import itertools
import os

import gevent
from exam_uploads import CONTENT_TYPE, sign_up_fields, upload_body
from locust import FastHttpUser, constant, task
from locust.contrib.fasthttp import FastHttpSession

BARE = os.environ.get("ZIGE_BENCH_BARE") == "1"
# Pictures a category takes (exam 000 says nothing, so the default cap).
PLACES_PER_ACCOUNT = 20
# Enough places for a client at 200 uploads/s for 30 s (94 each among 64 clients).
ACCOUNTS = int(os.environ.get("ZIGE_BENCH_ACCOUNTS", "5"))
# How long the uploads are counted.
SECONDS = float(os.environ.get("ZIGE_BENCH_SECONDS", "30"))
serial = itertools.count(1)
signed_in = 0
counting = False


class Candidate(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.places = itertools.count(1)
        self.accounts = [self.client]
        if BARE:
            return
        for _ in range(ACCOUNTS - 1):
            self.accounts.append(FastHttpSession(base_url=self.host, request_event=self.environment.events.request,
                                                 user=self, client_pool=self.client_pool))
        for account in self.accounts:
            fields = sign_up_fields(next(serial))
            account.post("/api/sign_up", json={"fields": fields}, name="sign up")
            account.post("/api/accept_pledge", json={"code": "000"}, name="pledge")

    def wait_for_everyone(self):
        """The first upload of each client waits until all are signed in; then the count starts."""
        global signed_in, counting
        if getattr(self, "ready", False):
            return
        self.ready = True
        signed_in += 1
        while signed_in < self.environment.runner.target_user_count:
            gevent.sleep(0.05)
        if not counting:
            counting = True
            self.environment.runner.stats.reset_all()
            gevent.spawn_later(SECONDS, self.environment.runner.quit)

    @task
    def upload(self):
        self.wait_for_everyone()
        upload = next(self.places) - 1
        account, place = divmod(upload, PLACES_PER_ACCOUNT)
        if BARE:
            account, place = 0, upload
        elif account >= len(self.accounts):
            # Every account's category is full: this client is done.
            self.stop()
            return
        self.accounts[account].post("/api/materials", data=upload_body(place + 1), name="upload",
                                    headers={"Content-Type": CONTENT_TYPE})
