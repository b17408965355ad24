"""Photographed second-generation resident ID cards (front, 人像面), for measuring how well the
server reads the 18-character 公民身份号码 off an uploaded picture (issue 34,
scripts/bench-id-ocr.sh). Each card is drawn at 85.6×54 mm proportions with real fonts — labels
in Noto Sans CJK SC, values in Noto Serif CJK SC, the number in a monospaced face (DejaVu Sans
Mono or Noto Sans Mono, standing in for the card's OCR-B) — over a faint guilloche, with a
portrait placeholder; every number is a valid GB 11643 number (some end in X, the 17th digit
matches the sex). Then it is "taken" as a candidate would: laid on a white A4 sheet and scanned at
200 or 300 dpi (slight rotation, scanner noise), or photographed on a table (perspective tilt,
rotation, blur, sensor noise, light falling off across the frame), and saved as a JPEG at 200 dpi
whose size falls in the exam's byte window (exams/004-cadre-postgraduate.toml, id_card:
400–600 KiB, short side ≥ 1654 px), by choosing the quality. Files are named by the number they
must read as, e.g. 11010519491231002X_photo_t0.08_b1.5_l0.5.jpg; those named bad_… must read as
nothing valid (number smeared, covered by a thumb, printed with a wrong check digit, blank page).
Deterministic (seeded). Usage: id_cards.py FOLDER [COUNT]"""
import io, math, random, sys
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

MIN_BYTES, MAX_BYTES, DPI = 409600, 614400, 200  # the exam's id_card window
A4_SHORT = math.ceil(8.27 * DPI)  # 1654 px: the short side the exam asks for at 200 dpi

NOTO = "/usr/share/fonts/opentype/noto/"
SANS = (NOTO + "NotoSansCJK-Regular.ttc", 2)  # face 2 of the collection is SC
SERIF = (NOTO + "NotoSerifCJK-Regular.ttc", 2)
MONOS = ["/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
         "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"]
PX_MM = 20  # the card is drawn at 20 px/mm (1712×1080), then scaled into the scene

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def check_digit(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]

AREAS = [("110105", "北京市朝阳区"), ("110108", "北京市海淀区"), ("310104", "上海市徐汇区"),
         ("440106", "广东省广州市天河区"), ("320102", "江苏省南京市玄武区"), ("330106", "浙江省杭州市西湖区"),
         ("510107", "四川省成都市武侯区"), ("420111", "湖北省武汉市洪山区"), ("610113", "陕西省西安市雁塔区"),
         ("370102", "山东省济南市历下区"), ("430104", "湖南省长沙市岳麓区"), ("500103", "重庆市渝中区")]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国志红玉兰海燕晓东子涵宇轩"
STREETS = ["建国路", "中山路", "人民大道", "解放路", "和平里", "学院路", "长安街", "文化路", "东风路", "滨江大道"]
NATIONS = ["汉"] * 8 + ["回", "满", "壮", "蒙古"]

def identity(rnd, x_check=False, wrong_check=False):
    """A person whose number is valid (ends in X if x_check), or wrong by its check digit."""
    while True:
        code, place = rnd.choice(AREAS)
        y, m, d = rnd.randint(1955, 2004), rnd.randint(1, 12), rnd.randint(1, 28)
        male = rnd.random() < 0.5
        seq = rnd.randrange(0, 100) * 10 + rnd.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
        first17 = f"{code}{y:04d}{m:02d}{d:02d}{seq:03d}"
        check = check_digit(first17)
        if x_check != (check == "X"):
            continue
        if wrong_check:
            check = rnd.choice([c for c in "0123456789X" if c != check])
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
        address = f"{place}{rnd.choice(STREETS)}{rnd.randint(1, 300)}号{rnd.randint(1, 30)}栋{rnd.randint(1, 6)}单元{rnd.randint(101, 2804)}室"
        return dict(number=first17 + check, name=name, sex="男" if male else "女",
                    nation=rnd.choice(NATIONS), y=y, m=m, d=d, address=address)

def font(spec, mm):
    path, index = spec if isinstance(spec, tuple) else (spec, 0)
    return ImageFont.truetype(path, int(mm * PX_MM), index=index)

def guilloche(w, h, rnd):
    """The card's faint background: a pale wash with fine wavy lines and a soft rosette."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.empty((h, w, 3), np.float32)
    t = xx / w
    base[..., 0] = 246 - 10 * t; base[..., 1] = 244 - 2 * t; base[..., 2] = 236 + 10 * t
    f1, f2, ph = rnd.uniform(0.018, 0.03), rnd.uniform(0.004, 0.008), rnd.uniform(0, 6.3)
    waves = np.sin(yy * f1 + 9 * np.sin(xx * f2 + ph)) ** 12
    rose = np.sin(np.hypot(xx - w * 0.42, yy - h * 0.55) * 0.05 + np.arctan2(yy - h * 0.55, xx - w * 0.42) * 12) ** 16
    pattern = np.clip(waves * 0.8 + rose * 0.6, 0, 1)[..., None]
    tint = np.array([222, 214, 228], np.float32)  # a pale violet-pink line colour
    return Image.fromarray(np.uint8(base * (1 - 0.35 * pattern) + tint * 0.35 * pattern - 0 * pattern))

def card(person, rnd):
    w, h = int(85.6 * PX_MM), 54 * PX_MM
    img = guilloche(w, h, rnd)
    d = ImageDraw.Draw(img)
    label, value, label_colour = font(SANS, 2.9), font(SERIF, 3.4), (40, 120, 190)
    def mm(x, y): return (int(x * PX_MM), int(y * PX_MM))
    d.text(mm(6, 6.5), "姓名", font=label, fill=label_colour)
    d.text(mm(15.5, 6.2), person["name"], font=font(SERIF, 3.9), fill=(20, 20, 20))
    d.text(mm(6, 13), "性别", font=label, fill=label_colour)
    d.text(mm(15.5, 12.8), person["sex"], font=value, fill=(20, 20, 20))
    d.text(mm(27, 13), "民族", font=label, fill=label_colour)
    d.text(mm(36.5, 12.8), person["nation"], font=value, fill=(20, 20, 20))
    d.text(mm(6, 19.5), "出生", font=label, fill=label_colour)
    for x, text in ((15.5, str(person["y"])), (25.5, "年"), (30, str(person["m"])), (34.5, "月"), (39, str(person["d"])), (44, "日")):
        d.text(mm(x, 19.3), text, font=value if not text.isdigit() else font(SANS, 3.3), fill=(20, 20, 20) if text.isdigit() else label_colour)
    d.text(mm(6, 26), "住址", font=label, fill=label_colour)
    addr = person["address"]
    for i in range(0, len(addr), 11):
        d.text(mm(15.5, 25.8 + (i // 11) * 4.6), addr[i:i + 11], font=value, fill=(20, 20, 20))
    d.text(mm(6, 45.3), "公民身份号码", font=label, fill=label_colour)
    number_font = ImageFont.truetype(rnd.choice(MONOS), int(4.6 * PX_MM))
    d.text(mm(27.5, 44.4), person["number"], font=number_font, fill=(15, 15, 15))
    # The portrait: a grey silhouette on a pale ground.
    px, py, pw, ph = 56, 7, 25, 32
    d.rectangle([*mm(px, py), *mm(px + pw, py + ph)], fill=(236, 238, 242))
    d.ellipse([*mm(px + 7.5, py + 5), *mm(px + 17.5, py + 18)], fill=(150, 152, 158))
    d.chord([*mm(px + 2, py + 18), *mm(px + 23, py + 44)], 180, 360, fill=(150, 152, 158))
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, w - 1, h - 1], radius=int(3.2 * PX_MM), fill=255)
    img.putalpha(mask)
    return img

def find_coeffs(dst, src):
    """PIL's perspective coefficients mapping points of the output (dst) to the input (src)."""
    rows = []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, float), np.array(src, float).reshape(8)).tolist()

def place(scene, crd, quad):
    """Lays the card onto the scene with its corners at quad (tl, tr, br, bl), and a soft shadow."""
    w, h = crd.size
    coeffs = find_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = crd.transform(scene.size, Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    alpha = warped.getchannel("A")
    shadow = alpha.transform(alpha.size, Image.AFFINE, (1, 0, -6, 0, 1, -8)).filter(ImageFilter.GaussianBlur(9))
    scene.paste(Image.new("RGB", scene.size, (0, 0, 0)), (0, 0), shadow.point(lambda v: v * 45 // 255))
    scene.paste(warped.convert("RGB"), (0, 0), alpha)
    return scene

def rotated_quad(cx, cy, w, h, degrees, tilt=0.0, rnd=None):
    """The corners of a w×h card centred at (cx, cy), rotated, with one edge foreshortened by tilt."""
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    if tilt:  # the far edge (a random side) shrinks: a phone held at an angle
        side = rnd.randrange(4) if rnd else 0
        a, b = side, (side + 1) % 4
        for i in (a, b):
            x, y = pts[i]; k = 1 - tilt
            if side in (0, 2): pts[i] = (x * k, y * (1 - tilt * 0.6))
            else: pts[i] = (x * (1 - tilt * 0.6), y * k)
    r = math.radians(degrees)
    return [(cx + x * math.cos(r) - y * math.sin(r), cy + x * math.sin(r) + y * math.cos(r)) for x, y in pts]

def table(w, h, rnd):
    """A table top: wood grain, a dark cloth or a grey screen."""
    kind = rnd.choice(["wood", "cloth", "screen"])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        grain = np.sin(yy * 0.05 + 3 * np.sin(xx * 0.004 + yy * 0.002)) * 0.5 + 0.5
        base = np.stack([150 + 40 * grain, 100 + 30 * grain, 60 + 20 * grain], -1)
    elif kind == "cloth":
        weave = (np.sin(xx * 0.9) * np.sin(yy * 0.9)) * 6
        base = np.stack([40 + weave, 45 + weave, 60 + weave], -1)
    else:
        base = np.stack([np.full_like(xx, 175), np.full_like(xx, 178), np.full_like(xx, 180)], -1)
    return Image.fromarray(np.uint8(np.clip(base, 0, 255)))

def uneven_light(img, strength, rnd):
    """Light falling off across the frame (a lamp to one side), with a warm cast."""
    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rnd.uniform(-0.3, 1.3) * w, rnd.uniform(-0.3, 1.3) * h
    dist = np.hypot(xx - lx, yy - ly) / math.hypot(w, h)
    gain = 1 - strength * np.clip(dist, 0, 1)
    arr = np.asarray(img, np.float32) * gain[..., None] * np.array([1.0, 0.97, 0.9], np.float32)
    return Image.fromarray(np.uint8(np.clip(arr, 0, 255)))

def noise(img, sigma, rnd):
    arr = np.asarray(img, np.float32)
    g = np.random.default_rng(rnd.randrange(1 << 30))
    arr = arr + g.normal(0, sigma, arr.shape[:2])[..., None] + g.normal(0, sigma / 3, arr.shape)
    return Image.fromarray(np.uint8(np.clip(arr, 0, 255)))

def save(img, out, name):
    """Saves into the folder `out` as a 200-dpi JPEG whose size falls in the exam's byte window, choosing the quality
    (highest that fits); a picture too plain to reach the floor even at 95 gets a little more
    grain, one too busy for the ceiling at 40 is scaled down (never under the short side)."""
    for _ in range(8):
        best = None
        for q in range(95, 39, -5):
            buf = io.BytesIO(); img.save(buf, "JPEG", quality=q, dpi=(DPI, DPI))
            if MIN_BYTES <= buf.tell() <= MAX_BYTES: best = buf; break
            if buf.tell() < MIN_BYTES: break
        if best:
            (out / f"{name}.jpg").write_bytes(best.getvalue()); return
        if buf.tell() < MIN_BYTES: img = noise(img, 3, random.Random(name))
        else:
            k = max(0.9, A4_SHORT / min(img.size))
            img = img.resize((round(img.width * k), round(img.height * k)), Image.LANCZOS)
    raise SystemExit(f"{name}: could not fit the byte window")

def scanned(crd, rnd, dpi):
    """The card on a white A4 sheet on the scanner glass, a little crooked, scanned at dpi."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    sheet = Image.fromarray(np.uint8(np.clip(np.random.default_rng(rnd.randrange(1 << 30)).normal(247, 2, (h, w, 3)), 0, 255)))
    cw, ch = 85.6 / 25.4 * dpi, 54 / 25.4 * dpi
    quad = rotated_quad(rnd.uniform(0.3, 0.7) * w, rnd.uniform(0.15, 0.4) * h, cw, ch, rnd.uniform(-4, 4))
    img = place(sheet, crd, quad).filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.8)))
    return noise(img, 3, rnd)

def photographed(crd, rnd, tilt, blur, light, fill):
    """The card on a table, photographed: it fills `fill` of the frame's width, tilted, rotated,
    blurred, lit unevenly, with sensor noise; a 2339×1654 frame (A4 proportions at 200 dpi)."""
    w, h = 2339, A4_SHORT
    scene = table(w, h, rnd)
    cw = fill * w; ch = cw * 54 / 85.6
    quad = rotated_quad(w / 2 + rnd.uniform(-0.08, 0.08) * w, h / 2 + rnd.uniform(-0.06, 0.06) * h,
                        cw, ch, rnd.uniform(-6, 6), tilt, rnd)
    img = place(scene, crd, quad)
    if blur: img = img.filter(ImageFilter.GaussianBlur(blur))
    if light: img = uneven_light(img, light, rnd)
    return noise(img, rnd.uniform(4, 10), rnd)

# What must not read as a valid number.
def thumb(crd, rnd):
    """A thumb laid over the middle of the number."""
    c = crd.copy(); d = ImageDraw.Draw(c)
    x, y = int(rnd.uniform(38, 52) * PX_MM), int(46 * PX_MM)
    d.ellipse([x - 9 * PX_MM, y - 5 * PX_MM, x + 9 * PX_MM, y + 12 * PX_MM], fill=(214, 170, 150))
    return c

def smeared(crd):
    """The number smeared (a wet finger dragged across it): the strip blurred beyond reading."""
    c = crd.copy(); box = (int(26 * PX_MM), int(43 * PX_MM), int(82 * PX_MM), int(51 * PX_MM))
    c.paste(c.crop(box).filter(ImageFilter.BoxBlur(PX_MM * 1.2)), box[:2])
    return c

def main():
    out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    rnd = random.Random(34)
    made = 0
    for i in range(count):
        person = identity(rnd, x_check=(i % 6 == 5))
        crd = card(person, rnd)
        if i % 5 == 4:
            dpi = rnd.choice([200, 300])
            save(scanned(crd, rnd, dpi), out, f"{person['number']}_scan{dpi}")
        else:
            tilt = rnd.choice([0.0, 0.08, 0.16, 0.25])
            blur = rnd.choice([0.0, 1.0, 2.0, 3.5])
            light = rnd.choice([0.0, 0.4, 0.7])
            fill = rnd.choice([0.35, 0.5, 0.7, 0.9])
            save(photographed(crd, rnd, tilt, blur, light, fill), out, f"{person['number']}_photo_f{fill}_t{tilt}_b{blur}_l{light}")
        made += 1

    # What must not read as a valid number.
    bad = 0
    for k in range(2):
        save(photographed(thumb(card(identity(rnd), rnd), rnd), rnd, 0.06, 0.8, 0.3, 0.6), out, f"bad_covered_{k}"); bad += 1
        save(photographed(smeared(card(identity(rnd), rnd)), rnd, 0.06, 0.8, 0.3, 0.6), out, f"bad_smeared_{k}"); bad += 1
        wrong = identity(rnd, wrong_check=True)
        save(photographed(card(wrong, rnd), rnd, 0.0, 0.0, 0.0, 0.7), out, f"bad_wrong_check_{wrong['number']}"); bad += 1
    save(scanned(Image.new("RGBA", (10, 10), (0, 0, 0, 0)), rnd, 200), out, "bad_blank_page"); bad += 1
    save(photographed(Image.new("RGBA", (10, 10), (0, 0, 0, 0)), rnd, 0, 0, 0.4, 0.5), out, "bad_empty_table"); bad += 1
    print(made, "readable-intended and", bad, "unreadable pictures in", out)

if __name__ == "__main__":
    main()
