"""Writes a photo-like JPEG of about 250 KB (1240x1754, an A4 page at 150 dpi: soft gradients
and fine noise, as a phone photo of a document has), for the ingest benchmark."""

import random
import sys

from PIL import Image, ImageDraw, ImageFilter

random.seed(2026)
image = Image.new("RGB", (1240, 1754), (236, 232, 222))
draw = ImageDraw.Draw(image)
for line in range(120, 1700, 26):
    draw.line([(100, line), (100 + random.randint(600, 1040), line)], fill=(60, 60, 70), width=3)
noise = Image.effect_noise((1240, 1754), 40).convert("RGB")
image = Image.blend(image, noise, 0.12).filter(ImageFilter.GaussianBlur(0.6))
target = 250 * 1024
best = None
for quality in range(95, 20, -3):
    path = sys.argv[1]
    image.save(path, "JPEG", quality=quality)
    size = len(open(path, "rb").read())
    if size <= target + 10 * 1024:
        best = (quality, size)
        break
print(f"{sys.argv[1]}: {best[1]} bytes at quality {best[0]}")
