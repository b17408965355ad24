"""Phone-like photographs of a 学信网 verification report's QR code, for choosing the decoder
(scripts/bench-qr-decoders.sh): an A4 page at 150 dpi with the code in its corner, then what a
phone does to it — module size 4/6/8 px, perspective tilt, blur, light falling off across the page,
sensor noise, scaling down and JPEG quality — 54 pictures meant to be readable, named by their
conditions, and 4 named bad_… that must not be (the code cut off by the frame, smeared, under a
glare, absent). Deterministic (seeded). Usage: qr_photos.py FOLDER"""
import random, sys
from pathlib import Path
import qrcode
from PIL import Image, ImageDraw, ImageFilter

out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
URL = "https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2C3D4E5F6G7H8&srcid=bgcx"

def page(module_px=6):
    qr = qrcode.QRCode(border=2, box_size=module_px, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(URL); qr.make()
    code = qr.make_image(fill_color="black", back_color="white").convert("RGB")
    sheet = Image.new("RGB", (1240, 1754), (250, 250, 246))
    d = ImageDraw.Draw(sheet)
    for y in range(160, 1500, 42):
        d.line([(120, y), (1120 - (y * 7) % 300, y)], fill=(60, 60, 60), width=6)
    sheet.paste(code, (1240 - code.width - 110, 1754 - code.height - 140))
    return sheet

def perspective(img, k):
    w, h = img.size
    dx, dy = w * k, h * k
    coeffs = find_coeffs([(dx, dy), (w - dx * 0.3, 0), (w, h - dy * 0.5), (0, h)], [(0, 0), (w, 0), (w, h), (0, h)])
    return img.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(90, 80, 70))

def find_coeffs(pa, pb):
    import numpy
    matrix = []
    for p1, p2 in zip(pa, pb):
        matrix.append([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
        matrix.append([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
    A = numpy.array(matrix, dtype=float); B = numpy.array(pb).reshape(8)
    return numpy.linalg.solve(A, B).tolist()

def light(img, strength):
    w, h = img.size
    grad = Image.linear_gradient("L").resize((w, h)).rotate(35, expand=False)
    dark = Image.new("RGB", (w, h), (0, 0, 0))
    return Image.composite(img, dark, grad.point(lambda v: 255 - int(v * strength)))

def glare(img, x, y, r):
    over = Image.new("RGB", img.size, (255, 255, 255))
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse([x - r, y - r, x + r, y + r], fill=255)
    return Image.composite(over, img, mask.filter(ImageFilter.GaussianBlur(r / 3)))

def noise(img, sigma, seed):
    rnd = random.Random(seed)
    px = img.load(); w, h = img.size
    for _ in range(w * h // 6):
        x, y = rnd.randrange(w), rnd.randrange(h); v = int(rnd.gauss(0, sigma))
        r, g, b = px[x, y]; px[x, y] = (max(0, min(255, r + v)), max(0, min(255, g + v)), max(0, min(255, b + v)))
    return img

def save(img, name, quality=80):
    img.save(out / f"{name}.jpg", quality=quality)

random.seed(7)
n = 0
for module in (4, 6, 8):
    for tilt in (0.0, 0.06, 0.12):
        for blur in (0.0, 1.2, 2.2):
            for lit in (0.0, 0.55):
                img = page(module)
                if tilt: img = perspective(img, tilt)
                if blur: img = img.filter(ImageFilter.GaussianBlur(blur))
                if lit: img = light(img, lit)
                img = noise(img, 14, n)
                scale = random.choice([1.0, 0.75, 0.6])
                img = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
                save(img, f"ok_m{module}_t{tilt}_b{blur}_l{lit}_s{scale}", quality=random.choice([60, 75, 90]))
                n += 1
# What must not read: the code cut off, smeared away, or under a glare.
img = page(6); w, h = img.size
save(img.crop((0, 0, w - 180, h)), "bad_cut_off")
img = page(6); save(img.filter(ImageFilter.GaussianBlur(9)), "bad_smeared")
img = page(6); save(glare(img, w - 240, h - 270, 190), "bad_glare")
save(Image.new("RGB", (1240, 1754), (250, 250, 246)), "bad_no_code")
print(n, "readable-intended and 4 unreadable pictures in", out)
