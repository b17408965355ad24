"""The real face in the exams' example ID photos and in the browser tests' portraits.

The face detector (app/src/domain/face_finder.rs) finds real faces only, so a drawn head is "no
face". The one real portrait at hand is scikit-image's `astronaut` (Eileen Collins, a NASA photo in
the public domain; PyPI). This script cuts her head out and:
- writes end2end/tests/fixtures/face.jpg, the head the browser tests lay into their scenes
  (support.ts `makeScene`), with the detector's face box in it as FACE_BOX below;
- draws exams/examples/id-photo-white.jpg and id-photo-blue.jpg (480 × 640, 3:4): the head as the
  published rule wants it (about 72 % of the height, the eyes 41 % down), shoulders, a plain wall.

Usage: python3 scripts/draw_portraits.py  (needs scikit-image and pillow: `pip install scikit-image pillow`)
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from skimage import data

ROOT = Path(__file__).resolve().parent.parent
# The detector's box on astronaut.png (512 × 512), and the head cut around it.
BOX = (173, 68, 99, 99)
CUT = (100, 0, 345, 215)
# The box inside the cut (support.ts reads these numbers).
FACE_BOX = (BOX[0] - CUT[0], BOX[1] - CUT[1], BOX[2], BOX[3])


def head() -> Image.Image:
    return Image.fromarray(data.astronaut()).crop(CUT)


def portrait(width: int, height: int, wall: tuple[int, int, int]) -> Image.Image:
    """The head with its box half the height, its top 24 % down, centred; as support.ts draws."""
    picture = Image.new("RGB", (width, height), wall)
    draw = ImageDraw.Draw(picture)
    draw.ellipse(
        [width / 2 - width * 0.48, height * 1.05 - height * 0.32, width / 2 + width * 0.48, height * 1.37],
        fill=(44, 53, 80),
    )
    box_side = 0.50 * height
    scale = box_side / BOX[3]
    face = head().resize((round(CUT_W * scale), round(CUT_H * scale)), Image.LANCZOS)
    left = round(width / 2 - (FACE_BOX[0] + FACE_BOX[2] / 2) * scale)
    top = round(0.24 * height - FACE_BOX[1] * scale)
    hair_top, chin = 0.24 * height - 0.45 * box_side, 0.24 * height + 1.08 * box_side
    mask = Image.new("L", picture.size, 0)
    ImageDraw.Draw(mask).ellipse(
        [width / 2 - 0.55 * box_side, hair_top, width / 2 + 0.55 * box_side, chin + 0.02 * height], fill=255
    )
    layer = Image.new("RGB", picture.size, wall)
    layer.paste(face, (left, top))
    picture.paste(layer, (0, 0), mask.filter(ImageFilter.GaussianBlur(2)))
    return picture


CUT_W, CUT_H = CUT[2] - CUT[0], CUT[3] - CUT[1]

if __name__ == "__main__":
    head().save(ROOT / "end2end/tests/fixtures/face.jpg", quality=92)
    portrait(480, 640, (255, 255, 255)).save(ROOT / "exams/examples/id-photo-white.jpg", quality=90)
    portrait(480, 640, (67, 142, 219)).save(ROOT / "exams/examples/id-photo-blue.jpg", quality=90)
    print("face box in face.jpg:", FACE_BOX)
