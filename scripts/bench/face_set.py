"""Builds the face detector's benchmark set (scripts/bench-faces.sh) in the folder given.

- `portrait-NNN.png`, 100 ID photos made from one real face (scikit-image's `astronaut`, NASA,
  public domain, as scripts/draw_portraits.py cuts it) laid at known places and sizes on plain and
  uneven walls, some darker, some blurred, some turned a few degrees; `truth.tsv` gives where its
  head is (hair top, chin and eyes' line as shares of the height, the face's middle as a share of
  the width), computed from where it was laid.
- `lfw-face-NNN.png`, 100 different real faces: the faces of scikit-image's LFW subset (25 × 25,
  grey, cut from brows to mouth) enlarged into an ID photo's frame; detection only (their head's
  extent is not known).
- `lfw-other-NNN.png`, the subset's 100 pictures without a face, enlarged likewise, and
  `document-*.jpg`, the exams' example documents: any face found there is a false face.
"""

import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from skimage import data

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from draw_portraits import BOX, FACE_BOX, head  # noqa: E402

WALLS = [(255, 255, 255), (67, 142, 219), (236, 233, 226), (200, 205, 210)]


def portrait(rng: random.Random, width: int, height: int) -> tuple[Image.Image, tuple[float, float, float, float]]:
    wall = rng.choice(WALLS)
    picture = Image.new("RGB", (width, height), wall)
    if rng.random() < 0.3:
        # An uneven wall: a soft shadow across it.
        shade = Image.linear_gradient("L").resize((width, height)).rotate(rng.uniform(0, 360))
        picture = Image.composite(picture, Image.new("RGB", (width, height), tuple(c // 2 for c in wall)), shade)
    box_side = rng.uniform(0.12, 0.55) * height
    middle = rng.uniform(0.3, 0.7) * width
    top = rng.uniform(0.1, 0.35) * height
    scale = box_side / BOX[3]
    draw = ImageDraw.Draw(picture)
    draw.ellipse([middle - box_side * 0.9, top + box_side, middle + box_side * 0.9, top + box_side * 2.2], fill=(44, 53, 80))
    face = head()
    face = face.resize((round(face.width * scale), round(face.height * scale)), Image.LANCZOS)
    hair_top, chin = top - 0.45 * box_side, top + 1.08 * box_side
    mask = Image.new("L", picture.size, 0)
    ImageDraw.Draw(mask).ellipse([middle - 0.55 * box_side, hair_top, middle + 0.55 * box_side, chin + 0.02 * box_side], fill=255)
    layer = picture.copy()
    layer.paste(face, (round(middle - (FACE_BOX[0] + FACE_BOX[2] / 2) * scale), round(top - FACE_BOX[1] * scale)))
    picture.paste(layer, (0, 0), mask.filter(ImageFilter.GaussianBlur(2)))
    turn = rng.choice([0, 0, 0, rng.uniform(-8, 8)])
    if turn:
        picture = picture.rotate(turn, resample=Image.BICUBIC, center=(middle, top + box_side / 2), fillcolor=wall)
    if rng.random() < 0.2:
        picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(1, 3)))
    if rng.random() < 0.2:
        picture = Image.eval(picture, lambda v: int(v * 0.45))
    eyes = top + 0.35 * box_side
    return picture, (hair_top / height, chin / height, eyes / height, middle / width)


def enlarged(grey: np.ndarray, width: int, height: int) -> Image.Image:
    picture = Image.new("RGB", (width, height), (255, 255, 255))
    side = int(width * 0.55)
    tile = Image.fromarray((grey * 255).astype("uint8")).resize((side, side), Image.BICUBIC).convert("RGB")
    picture.paste(tile, ((width - side) // 2, int(height * 0.25)))
    return picture


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(68)
    with open(folder / "truth.tsv", "w") as truth:
        truth.write("name\thair_top\tchin\teye_line\tmiddle\n")
        for n in range(100):
            width = rng.choice([600, 900, 1200, 3000])
            picture, (hair_top, chin, eyes, middle) = portrait(rng, width, width * 4 // 3)
            name = f"portrait-{n:03}.png"
            picture.save(folder / name)
            truth.write(f"{name}\t{hair_top:.4f}\t{chin:.4f}\t{eyes:.4f}\t{middle:.4f}\n")
    lfw = data.lfw_subset()
    for n in range(100):
        enlarged(lfw[n], 450, 600).save(folder / f"lfw-face-{n:03}.png")
        enlarged(lfw[100 + n], 450, 600).save(folder / f"lfw-other-{n:03}.png")
    for example in sorted((ROOT / "exams/examples").glob("*.jpg")):
        if not example.name.startswith("id-photo") and "in-hand" not in example.name:
            shutil.copy(example, folder / f"document-{example.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
