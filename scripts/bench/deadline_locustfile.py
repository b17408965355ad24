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
from exam_uploads import CONTENT_TYPE, sign_up_fields, upload_body
from locust import FastHttpUser, between, constant, events, task

FIRST_SERIAL = int(os.environ.get("ZIGE_BENCH_FIRST_SERIAL", "1"))
PLACES_PER_CATEGORY = 20
serial = itertools.count(FIRST_SERIAL)
confirmed_uploads = 0
THINK = os.environ.get("ZIGE_BENCH_THINK", "1-4")


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
        fields = sign_up_fields(next(serial))
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
        # A category takes 20 pictures (the cap since issue 50; exam 000 says no more): a
        # candidate whose category is full uploads nothing more, as on the exam page.
        if place > PLACES_PER_CATEGORY:
            return
        key = uuid.uuid4().hex
        status = self.send("upload", "POST", "/api/materials", data=upload_body(place),
                           headers={"Content-Type": CONTENT_TYPE,
                                    "Idempotency-Key": key})
        if status == 201:
            confirmed_uploads += 1
