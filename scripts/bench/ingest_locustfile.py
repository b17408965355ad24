"""The ingest benchmark's load (scripts/bench-ingest.sh): each simulated candidate signs up,
accepts exam 000's pledge, then uploads the same ~250 KB JPEG to 其他材料, place after place, as
fast as the server answers. With ZIGE_BENCH_BARE=1 it skips the account and posts the same
multipart body to the bare handler. Only the uploads are counted ("upload"), and only once every
client is signed in: the statistics start again then, so a password hash at sign-up (which the
bare handler never computes) is not counted as upload time."""

import itertools
import os

import gevent
from exam_uploads import CONTENT_TYPE, sign_up_fields, upload_body
from locust import FastHttpUser, constant, task

BARE = os.environ.get("ZIGE_BENCH_BARE") == "1"
serial = itertools.count(1)
signed_in = 0
counting = False


class Candidate(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.places = itertools.count(1)
        if BARE:
            return
        fields = sign_up_fields(next(serial))
        self.client.post("/api/sign_up", json={"fields": fields}, name="sign up")
        self.client.post("/api/accept_pledge", json={"code": "000"}, name="pledge")

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

    @task
    def upload(self):
        self.wait_for_everyone()
        place = next(self.places)
        if place > 999 and not BARE:
            # A category holds at most 999 places; this candidate is done.
            self.stop()
            return
        self.client.post("/api/materials", data=upload_body(place), name="upload",
                         headers={"Content-Type": CONTENT_TYPE})
