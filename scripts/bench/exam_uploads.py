"""What the load benchmarks' simulated candidates send (scripts/bench/*_locustfile.py): an ID
number of their own and exam 000's upload form around the page scan in ZIGE_BENCH_JPEG."""

import os

with open(os.environ["ZIGE_BENCH_JPEG"], "rb") as file:
    JPEG = file.read()
BOUNDARY = "zige-bench-boundary"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(n):
    """A valid GB 11643 number, different for each n below 10000."""
    first17 = f"1101011990{1 + n // 1000:02d}01{n % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def sign_up_fields(n):
    id_number = resident_id(n)
    return {"id_type": "resident_id", "id_number": id_number, "name": "考生", "mobile": "13800138000",
            "password": "bench-pass-1", "email": f"{id_number.lower()}@example.cn", "id_valid_until": "long_term",
            # Seed 002's check step, typed again as a person would.
            "typed_again": {"id_type": "resident_id", "id_number": id_number, "name": "考生"}}


def upload_body(seq_no):
    """Exam 000's 其他材料, place `seq_no`, the page scan."""
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
