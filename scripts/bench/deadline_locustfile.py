"""Deadline night (scripts/bench-deadline-night.sh): each simulated candidate signs up, accepts exam
000's pledge and then, with a pause of ZIGE_BENCH_THINK seconds (a range "1-4", or "0" for a
stampede) between actions, opens the exam page, saves the form's draft (暂存) or uploads the same
~250 KB JPEG to 其他材料, as the exam page does: an upload carries an Idempotency-Key, and a 503
is waited out for as long as its Retry-After says and sent again with the same key, until it is
stored. A 503 is counted under "<kind> · 503" and is not a failure; anything else but success is.
At the end the uploads confirmed (201) are written to ZIGE_BENCH_CONFIRMED, for the script to
compare with the database."""

import itertools
import os
import uuid

import gevent
from locust import FastHttpUser, between, constant, events, task

with open(os.environ["ZIGE_BENCH_JPEG"], "rb") as file:
    JPEG = file.read()
BOUNDARY = "zige-bench-boundary"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
FIRST_SERIAL = int(os.environ.get("ZIGE_BENCH_FIRST_SERIAL", "1"))
serial = itertools.count(FIRST_SERIAL)
confirmed_uploads = 0
THINK = os.environ.get("ZIGE_BENCH_THINK", "1-4")


def resident_id(n):
    """A valid GB 11643 number, different for each n below 10000."""
    first17 = f"1101011990{1 + n // 1000:02d}01{n % 1000:03d}"
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


def think_time():
    if THINK == "0":
        return constant(0)
    low, high = (float(x) for x in THINK.split("-"))
    return between(low, high)


@events.test_stop.add_listener
def write_confirmed(environment, **_):
    with open(os.environ["ZIGE_BENCH_CONFIRMED"], "w") as file:
        file.write(str(confirmed_uploads))


class Candidate(FastHttpUser):
    wait_time = think_time()
    # A stampede's waits are the server's to set; a timeout is a failure, not a retry.
    network_timeout = 60.0
    connection_timeout = 60.0

    def send(self, kind, method, path, **kwargs):
        """One action as the page sends it: again after each 503, as long as it says, until it
        is answered otherwise. Returns the last status."""
        while True:
            with self.client.request(method, path, name=kind, catch_response=True, **kwargs) as response:
                if response.status_code == 503:
                    response.request_meta["name"] = f"{kind} · 503"
                    response.success()
                    wait = float(response.headers.get("Retry-After", "1"))
                else:
                    if 200 <= response.status_code < 300:
                        response.success()
                    else:
                        response.failure(f"{response.status_code}: {response.text[:200]}")
                    return response.status_code
            gevent.sleep(wait)

    def on_start(self):
        self.places = itertools.count(1)
        id_number = resident_id(next(serial))
        fields = {"id_type": "resident_id", "id_number": id_number, "name": "考生", "mobile": "13800138000",
                  "password": "bench-pass-1", "email": f"{id_number.lower()}@example.cn"}
        self.send("sign up", "POST", "/api/sign_up", json={"fields": fields})
        self.send("pledge", "POST", "/api/accept_pledge", json={"code": "000"})

    @task(3)
    def exam_page(self):
        self.send("exam page", "GET", "/exams/000", headers={"Accept": "text/html"})

    @task(3)
    def save_draft(self):
        self.send("draft", "POST", "/api/save_application",
                  json={"code": "000", "form": {}, "position": None, "submit": False})

    @task(2)
    def upload(self):
        global confirmed_uploads
        place = next(self.places)
        if place > 999:
            return
        key = uuid.uuid4().hex
        status = self.send("upload", "POST", "/api/materials", data=upload_body(place),
                           headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                                    "Idempotency-Key": key})
        if status == 201:
            confirmed_uploads += 1
