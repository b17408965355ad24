"""Pictures of certificates for choosing the perceptual hash and its threshold (issue 34,
scripts/bench-picture-hashes.sh). A candidate who uploads another candidate's document should be
caught, so the same paper photographed again must match; a classmate's certificate, printed on
the same template, must not. The set therefore has:

- 8 certificates (t1_cert01…t1_cert08) on ONE template: a 毕业证书 with the same ornamental frame,
  guilloche, title, layout and red round seal, each with another name, sex, birth date, major,
  years of study, certificate number, date and ID photo (a blue-backed head and shoulders, as
  alike as such photos are); and 3 (t2_cert01…t2_cert03) on a second template, a 学位证书 with
  another frame, colours and layout;
- for each certificate a flat scan and 9 phone photographs of the same paper on a screen:
  photo_flat (nearly square on), photo_tilt (strong keystone), photo_light (light falling off,
  warm cast, the phone's shadow), photo_wide (much screen around the paper, 1600 px), photo_tight
  (the frame cut off at the edges), photo_blur (out of focus, noisy, JPEG 60), photo_rot (paper
  turned on the review screen), photo_sideways (pixels stored turned a quarter, with EXIF orientation 6,
  as phones do) and photo_worst (tilt, light, blur, noise, turn, 1600 px and JPEG 60 together).

Names say what belongs together: t1_cert03_scan.jpg and t1_cert03_photo_tilt.jpg are one paper.
Deterministic (seeded). Usage: similar_documents.py FOLDER [SHOT_SEED]: another SHOT_SEED (default 0)
photographs the same papers anew (other tilt, light, noise), to check a choice made on the first."""
import math, sys
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
shot_seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
NOTO = "/usr/share/fonts/opentype/noto/"
SERIF_BOLD = NOTO + "NotoSerifCJK-Bold.ttc"
SERIF = NOTO + "NotoSerifCJK-Regular.ttc"
SANS = NOTO + "NotoSansCJK-Regular.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W, H = 2400, 1697  # the paper, landscape A4 at about 205 dpi

def font(path, size):
    return ImageFont.truetype(path, size, index=2 if path.endswith(".ttc") else 0)  # 2: Simplified Chinese

# ---------------------------------------------------------------- the two templates

def guilloche(d, colour, seed):
    """The fine wavy security print all over the paper."""
    for k in range(0, H, 22):
        pts = [(x, k + 9 * math.sin(x / 47 + k / 31 + seed) + 5 * math.sin(x / 13 + seed)) for x in range(0, W + 8, 8)]
        d.line(pts, fill=colour, width=2)

def frame(d, colour, inset, band, motif):
    """Two ruled rectangles with a repeated ornament between them and rosettes in the corners."""
    d.rectangle([inset, inset, W - inset, H - inset], outline=colour, width=10)
    d.rectangle([inset + band, inset + band, W - inset - band, H - inset - band], outline=colour, width=4)
    mid = inset + band // 2
    for x in range(inset + band, W - inset - band, 44):
        for y in (mid, H - mid):
            motif(d, x + 22, y, colour)
    for y in range(inset + band, H - inset - band, 44):
        for x in (mid, W - mid):
            motif(d, x, y + 22, colour)
    for x, y in ((mid, mid), (W - mid, mid), (mid, H - mid), (W - mid, H - mid)):
        for r in (band // 2 + 6, band // 3, band // 6):
            d.ellipse([x - r, y - r, x + r, y + r], outline=colour, width=4)

def diamond(d, x, y, colour):
    d.polygon([(x, y - 14), (x + 14, y), (x, y + 14), (x - 14, y)], outline=colour, width=3)
    d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)

def meander(d, x, y, colour):  # a 回纹-like hook
    d.line([(x - 16, y + 12), (x - 16, y - 12), (x + 12, y - 12), (x + 12, y + 6), (x - 6, y + 6), (x - 6, y - 3)],
           fill=colour, width=4)

def seal(text, radius=165):
    """A red round seal: ring, star, the school's name around the top; drawn as ink (RGBA)."""
    size = radius * 2 + 20
    ink = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(ink); c = size / 2; red = (205, 30, 35, 215)
    d.ellipse([c - radius, c - radius, c + radius, c + radius], outline=red, width=14)
    star = [(c + 62 * math.sin(a * math.pi / 5) * (1 if a % 2 == 0 else 0.4),
             c - 62 * math.cos(a * math.pi / 5) * (1 if a % 2 == 0 else 0.4)) for a in range(10)]
    d.polygon(star, fill=red)
    f = font(SERIF_BOLD, 44)
    for i, ch in enumerate(text):
        angle = -110 + 220 * (i + 0.5) / len(text)
        glyph = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((30, 30), ch, font=f, fill=red, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        x = c + (radius - 48) * math.sin(math.radians(angle)); y = c - (radius - 48) * math.cos(math.radians(angle))
        ink.alpha_composite(glyph, (int(x - 30), int(y - 30)))
    d.text((c, c + 100), "毕业证书专用章", font=font(SERIF_BOLD, 26), fill=red, anchor="mm")
    return ink

def id_photo(person, size=(330, 440)):
    """A 1-inch ID photo: blue background, head and shoulders; alike from person to person."""
    rng = np.random.default_rng(person["seed"])
    img = Image.new("RGB", size, (67, 142, 219)); d = ImageDraw.Draw(img); w, h = size
    cloth = [(30, 30, 40), (25, 35, 70), (235, 235, 235), (60, 60, 60)][person["seed"] % 4]
    d.ellipse([w * 0.05, h * 0.72, w * 0.95, h * 1.25], fill=cloth)
    skin = tuple(int(v) for v in np.array((232, 196, 170)) + rng.integers(-18, 10, 3))
    fw = w * rng.uniform(0.28, 0.34); cy = h * rng.uniform(0.42, 0.47)
    d.rectangle([w / 2 - fw * 0.35, cy + fw * 0.9, w / 2 + fw * 0.35, h * 0.78], fill=skin)
    d.ellipse([w / 2 - fw, cy - fw * 1.25, w / 2 + fw, cy + fw * 1.25], fill=skin)
    hair = fw * rng.uniform(1.02, 1.15)
    if person["sex"] == "女":
        d.pieslice([w / 2 - hair * 1.1, cy - hair * 1.4, w / 2 + hair * 1.1, cy + hair * 1.9], 180, 360, fill=(20, 15, 12))
        d.rectangle([w / 2 - hair * 1.1, cy, w / 2 - fw * 0.8, cy + hair * 1.3], fill=(20, 15, 12))
        d.rectangle([w / 2 + fw * 0.8, cy, w / 2 + hair * 1.1, cy + hair * 1.3], fill=(20, 15, 12))
    else:
        d.chord([w / 2 - hair, cy - hair * 1.35, w / 2 + hair, cy + hair * 0.6], 180, 360, fill=(20, 15, 12))
    for ex in (-0.4, 0.4):
        d.ellipse([w / 2 + ex * fw - 9, cy - 6, w / 2 + ex * fw + 9, cy + 6], fill=(35, 25, 20))
    d.line([(w / 2 - fw * 0.3, cy + fw * 0.7), (w / 2 + fw * 0.3, cy + fw * 0.7)], fill=(150, 70, 70), width=5)
    return img

def diploma(p):
    """Template 1: 毕业证书, cream paper, dark red frame, photo left, text right, seal bottom right."""
    paper = Image.new("RGB", (W, H), (248, 243, 228)); d = ImageDraw.Draw(paper)
    guilloche(d, (238, 222, 196), 0.0)
    frame(d, (150, 40, 35), 60, 70, diamond)
    d.text((W / 2, 300), "毕 业 证 书", font=font(SERIF_BOLD, 150), fill=(170, 30, 30), anchor="mm")
    d.text((W / 2, 410), "DIPLOMA", font=ImageFont.truetype(DEJAVU, 48), fill=(150, 40, 35), anchor="mm")
    paper.paste(id_photo(p), (300, 540))
    body = font(SERIF, 58); x0 = 760
    lines = [f"学生  {p['name']}  ，性别  {p['sex']}  ，{p['born']}生，",
             f"于{p['from']}至{p['to']}在本校",
             f"{p['major']}专业四年制本科学习，修完",
             "教学计划规定的全部课程，成绩合格，准予毕业。"]
    for i, line in enumerate(lines):
        d.text((x0, 560 + i * 105), line, font=body, fill=(30, 30, 30))
    small = font(SERIF, 46)
    d.text((x0, 1080), "校  名：  东华理工大学", font=small, fill=(30, 30, 30))
    d.text((x0, 1150), "校（院）长：  陈立新", font=small, fill=(30, 30, 30))
    d.text((300, 1380), "证书编号：", font=small, fill=(30, 30, 30))
    d.text((540, 1383), p["number"], font=ImageFont.truetype(DEJAVU, 44), fill=(30, 30, 30))
    d.text((1560, 1380), p["date"], font=small, fill=(30, 30, 30))
    paper.paste(seal("东华理工大学"), (1620, 1040), seal("东华理工大学"))
    d.text((W / 2, H - 165), "中华人民共和国教育部学历证书查询网址：http://www.chsi.com.cn",
           font=font(SANS, 32), fill=(120, 60, 50), anchor="mm")
    return paper

def degree(p):
    """Template 2: 学位证书, pale green paper, blue-green meander frame, title left, no photo."""
    paper = Image.new("RGB", (W, H), (236, 244, 236)); d = ImageDraw.Draw(paper)
    guilloche(d, (206, 226, 214), 1.7)
    frame(d, (30, 95, 95), 80, 56, meander)
    d.rectangle([260, 260, 620, H - 260], fill=(30, 95, 95))
    d.text((440, H / 2), "学\n位\n证\n书", font=font(SERIF_BOLD, 150), fill=(236, 244, 236), anchor="mm", spacing=40)
    body = font(SERIF, 56); x0 = 760
    lines = [f"{p['name']}，{p['sex']}，{p['born']}生。在",
             f"{p['major']}专业完成了本科学习计划，",
             "业已毕业。经审核符合《中华人民共和国",
             f"学位条例》的规定，授予{p['degree']}学士学位。"]
    for i, line in enumerate(lines):
        d.text((x0, 420 + i * 110), line, font=body, fill=(25, 40, 40))
    small = font(SERIF, 46)
    d.text((1500, 1100), "江南师范学院", font=small, fill=(25, 40, 40))
    d.text((1450, 1170), "学位评定委员会主席  周敏", font=small, fill=(25, 40, 40))
    d.text((x0, 1380), "证书编号：" , font=small, fill=(25, 40, 40))
    d.text((x0 + 240, 1383), p["number"], font=ImageFont.truetype(DEJAVU, 44), fill=(25, 40, 40))
    d.text((1550, 1380), p["date"], font=small, fill=(25, 40, 40))
    paper.paste(seal("江南师范学院"), (1080, 1030), seal("江南师范学院"))
    return paper

PEOPLE_T1 = [
    dict(name="张伟", sex="男", born="一九九八年三月十二日", major="计算机科学与技术", **{"from": "二〇一六年九月", "to": "二〇二〇年六月"}, number="104231202005001234", date="二〇二〇年六月三十日"),
    dict(name="王秀英", sex="女", born="一九九九年七月八日", major="汉语言文学", **{"from": "二〇一七年九月", "to": "二〇二一年六月"}, number="104231202105002871", date="二〇二一年六月二十五日"),
    dict(name="李强", sex="男", born="一九九七年十一月二日", major="土木工程", **{"from": "二〇一五年九月", "to": "二〇一九年六月"}, number="104231201905000416", date="二〇一九年六月二十八日"),
    dict(name="刘洋", sex="女", born="二〇〇〇年一月二十日", major="会计学", **{"from": "二〇一八年九月", "to": "二〇二二年六月"}, number="104231202205003390", date="二〇二二年六月三十日"),
    dict(name="陈静", sex="女", born="一九九八年五月十六日", major="英语", **{"from": "二〇一六年九月", "to": "二〇二〇年六月"}, number="104231202005001882", date="二〇二〇年六月三十日"),
    dict(name="杨志刚", sex="男", born="一九九九年九月三十日", major="机械设计制造及其自动化", **{"from": "二〇一七年九月", "to": "二〇二一年六月"}, number="104231202105000057", date="二〇二一年六月二十五日"),
    dict(name="赵敏", sex="女", born="二〇〇一年四月四日", major="护理学", **{"from": "二〇一九年九月", "to": "二〇二三年六月"}, number="104231202305004123", date="二〇二三年六月三十日"),
    # The hardest pair: the same year, the same major, the same date; only the name, sex, birth
    # date, number and photo differ from cert01.
    dict(name="周杰", sex="男", born="一九九八年八月一日", major="计算机科学与技术", **{"from": "二〇一六年九月", "to": "二〇二〇年六月"}, number="104231202005001299", date="二〇二〇年六月三十日"),
]
PEOPLE_T2 = [
    dict(name="孙丽", sex="女", born="一九九六年二月十四日", major="数学与应用数学", degree="理学", number="1043242018000512", date="二〇一八年六月"),
    dict(name="吴昊", sex="男", born="一九九七年十月九日", major="小学教育", degree="教育学", number="1043242019001174", date="二〇一九年六月"),
    dict(name="郑海燕", sex="女", born="一九九五年六月六日", major="历史学", degree="历史学", number="1043242017000098", date="二〇一七年六月"),
]

# ---------------------------------------------------------------- what a phone does to paper

def coeffs(src, dst):
    """PIL's PERSPECTIVE coefficients sending output points dst back to input points src."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y]); rhs.append(v)
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()

def screen(size, rng):
    """Wood, grey laminate or a dark cloth: darker than the paper, with its own grain."""
    w, h = size
    base = [(122, 86, 58), (96, 98, 102), (52, 60, 78)][rng.integers(3)]
    grain = rng.normal(0, 1, (h // 8 + 1, w // 64 + 1))
    grain = np.asarray(Image.fromarray(((grain + 3) * 40).clip(0, 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), np.float32) - 120
    arr = np.array(base, np.float32)[None, None, :] + grain[..., None] * 0.35 + 4 * rng.standard_normal((h, w, 1), np.float32)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))

def photograph(paper, rng, fill=0.8, keystone=0.0, turn=0.0, canvas=(3000, 2250)):
    """The paper lying on a screen seen by a phone: `fill` of the frame's width, turned by `turn`
    degrees, its far edge narrowed by `keystone` (a camera held low)."""
    cw, ch = canvas
    pw = cw * fill; ph = pw * H / W
    cx, cy = cw / 2 + rng.uniform(-0.04, 0.04) * cw, ch / 2 + rng.uniform(-0.04, 0.04) * ch
    corners = [(-pw / 2 * (1 - keystone), -ph / 2), (pw / 2 * (1 - keystone), -ph / 2), (pw / 2, ph / 2), (-pw / 2, ph / 2)]
    a = math.radians(turn)
    dst = [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)) for x, y in corners]
    c = coeffs([(0, 0), (W, 0), (W, H), (0, H)], dst)
    warped = paper.transform(canvas, Image.PERSPECTIVE, c, Image.BICUBIC)
    mask = Image.new("L", paper.size, 255).transform(canvas, Image.PERSPECTIVE, c, Image.BILINEAR)
    photo = screen(canvas, rng)
    photo.paste(warped, (0, 0), mask.filter(ImageFilter.GaussianBlur(1.5)))
    return photo

def light(img, rng, strength, warm=False, shadow=False):
    """Light falling off across the picture in a random direction; a warm lamp; the phone's shadow."""
    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    ramp = ((xx / w - 0.5) * math.cos(a) + (yy / h - 0.5) * math.sin(a)) + 0.5
    gain = 1.0 - strength * ramp.clip(0, 1)
    if shadow:
        sx, sy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.5, 0.9) * h
        gain *= 1 - 0.35 * np.exp(-(((xx - sx) / (0.18 * w)) ** 2 + ((yy - sy) / (0.25 * h)) ** 2))
    arr = np.asarray(img, np.float32) * gain[..., None]
    if warm:
        arr *= np.array([1.05, 0.97, 0.82], np.float32)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))

def noise(img, rng, sigma):
    arr = np.asarray(img, np.float32) + sigma * rng.standard_normal((img.height, img.width, 1), np.float32)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))

def long_side(img, pixels):
    k = pixels / max(img.size)
    return img.resize((round(img.width * k), round(img.height * k)), Image.LANCZOS)

def save(img, name, quality, exif=None):
    img.save(out / f"{name}.jpg", quality=quality, **({"exif": exif} if exif else {}))

def shoot(paper, stem, seed):
    rng = np.random.default_rng(seed + 1000 * shot_seed)
    side = lambda: rng.choice([-1, 1])
    scan = noise(long_side(paper, 1754), rng, 2)
    save(scan, f"{stem}_scan", 90)
    img = photograph(paper, rng, fill=0.84, keystone=0.02, turn=side() * 0.8)
    save(long_side(noise(light(img, rng, 0.15), rng, 4), 3000), f"{stem}_photo_flat", 85)
    img = photograph(paper, rng, fill=0.82, keystone=0.16, turn=side() * 1.5)
    save(long_side(noise(light(img, rng, 0.2), rng, 4), 3000), f"{stem}_photo_tilt", 80)
    img = photograph(paper, rng, fill=0.8, keystone=0.04, turn=side() * 1.0)
    save(long_side(noise(light(img, rng, 0.5, warm=True, shadow=True), rng, 5), 3000), f"{stem}_photo_light", 75)
    img = photograph(paper, rng, fill=0.55, keystone=0.05, turn=side() * 2.0)
    save(long_side(noise(light(img, rng, 0.2), rng, 4), 1600), f"{stem}_photo_wide", 70)
    img = photograph(paper, rng, fill=1.05, keystone=0.02, turn=side() * 0.5)
    save(long_side(noise(light(img, rng, 0.15), rng, 4), 3000), f"{stem}_photo_tight", 85)
    img = photograph(paper, rng, fill=0.8, keystone=0.05, turn=side() * 1.0).filter(ImageFilter.GaussianBlur(5))
    save(long_side(noise(light(img, rng, 0.2), rng, 8), 3000), f"{stem}_photo_blur", 60)
    img = photograph(paper, rng, fill=0.72, keystone=0.03, turn=side() * 7.0)
    save(long_side(noise(light(img, rng, 0.2), rng, 4), 3000), f"{stem}_photo_rot", 80)
    img = photograph(paper, rng, fill=0.8, keystone=0.06, turn=side() * 1.0)
    img = long_side(noise(light(img, rng, 0.25), rng, 4), 3000).transpose(Image.ROTATE_90)  # stored turned…
    exif = Image.Exif(); exif[0x0112] = 6  # …and EXIF says: turn 90° clockwise to view
    save(img, f"{stem}_photo_sideways", 85, exif.tobytes())
    img = photograph(paper, rng, fill=0.7, keystone=0.12, turn=side() * 3.0).filter(ImageFilter.GaussianBlur(3))
    save(long_side(noise(light(img, rng, 0.45, warm=True, shadow=True), rng, 9), 1600), f"{stem}_photo_worst", 60)

for i, p in enumerate(PEOPLE_T1, 1):
    p["seed"] = i
    shoot(diploma(p), f"t1_cert{i:02}", 100 + i)
for i, p in enumerate(PEOPLE_T2, 1):
    p["seed"] = 50 + i
    shoot(degree(p), f"t2_cert{i:02}", 200 + i)
print(f"{len(list(out.glob('*.jpg')))} pictures in {out}")
