"""The ingest benchmark's load (scripts/bench-ingest.sh): each simulated candidate signs up,
accepts exam 000's pledge, then uploads the same ~250 KB JPEG to 其他材料, place after place, as
fast as the server answers. With ZIGE_BENCH_BARE=1 it skips the account and posts the same
multipart body to the bare handler. Only the uploads are counted ("upload"), and only once every
client is signed in: the statistics start again then, so a password hash at sign-up (which the
bare handler never computes) is not counted as upload time."""

import itertools
import os

import gevent
from locust import FastHttpUser, constant, task

BARE = os.environ.get("ZIGE_BENCH_BARE") == "1"
with open(os.environ["ZIGE_BENCH_JPEG"], "rb") as file:
    JPEG = file.read()
BOUNDARY = "zige-bench-boundary"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
serial = itertools.count(1)
signed_in = 0
counting = False


def resident_id(n):
    """A valid GB 11643 number, different for each n below 1000."""
    first17 = f"11010119900101{n % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def upload_body(seq_no):
    parts = []
    for name, value in (("exam", "000"), ("category", "other"), ("seq_no", str(seq_no))):
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
    )
    parts.append(JPEG)
    parts.append(f"\r\n--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


class Candidate(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.places = itertools.count(1)
        if BARE:
            return
        id_number = resident_id(next(serial))
        fields = {"id_type": "resident_id", "id_number": id_number, "name": "考生", "mobile": "13800138000",
                  "password": "bench-pass-1", "email": f"{id_number.lower()}@example.cn"}
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
                         headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
