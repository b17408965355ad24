"""A stack of A4 pages put through a scanner's "scan to PDF", for ./scripts/bench-before-sending.sh
(a PDF drawn into the pictures an exam asks for, issue 68): each page a 学历证书电子注册备案表 printed
and scanned at 200 dpi, a little crooked (xuexin_records.py), kept as a JPEG inside exam 004's
scan window (400–600 KiB) and embedded in the PDF as it is (img2pdf: no second encoding), as
scanners do. Deterministic (seeded). Usage: scan_pdf.py OUT.pdf [PAGES]"""
import random, sys, tempfile
from pathlib import Path

import img2pdf
from id_cards import identity, save
from xuexin_records import record, scanned


def main():
    out = Path(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    rnd = random.Random(68)
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for i in range(pages):
            save(scanned(record(identity(rnd), rnd), rnd, 200), Path(folder), f"page{i:02d}")
            names.append(str(Path(folder) / f"page{i:02d}.jpg"))
        out.write_bytes(img2pdf.convert(names))
    print(f"{out}: {pages} scanned pages, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
