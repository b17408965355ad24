"""The reviewer-speed benchmark's queue (scripts/bench-reviewer-speed.sh): COUNT candidates hand in
exam 004 through the running server's own HTTP interface, as the exam page does. The demo
administrator (password, then the authenticator's code) puts them on 004's list; each signs up,
accepts the pledge, uploads the seven required pictures — ID photo, ID card front and back,
bachelor's diploma, appointment, title certificate, 学信网 备案表 — fills the personal form and
submits. Every picture is drawn here for this candidate alone (its own layout and its own uneven
light, so that the assistant's "same document" hash joins two people's papers only by chance), a
200-dpi JPEG inside the category's byte window; the 备案表 as scripts/bench/xuexin_records.py draws
it, printing the candidate's ID number, the 证书编号 of the form's 高等教育学历 row and a real 学信网
code, scanned at 200 dpi; the ID photo of the one real face at hand (scripts/draw_portraits.py) on a
plain white wall, so that a candidate without a drawn finding hands in an application the assistant finds
nothing in. Every FINDING_EVERY-th candidate carries one finding, in turn: a 备案表 whose QR code leads
elsewhere than 学信网, a 备案表 without a readable code, an ID card printing another valid
number, a dark scan. Then waits until the assistant has looked at every picture and prints what
the queue shows, as JSON: {"applications": [...], "clean": n, "with_findings": {...}}.
Usage: seed_applications.py BASE_URL [COUNT]   (deterministic, seeded)
       seed_applications.py --draw FOLDER [COUNT]: only draws the pictures, as FOLDER/c0007_id_card_2.jpg
       (candidate, category, place), for measuring how often unrelated documents' hashes meet
       (scripts/bench-chance-pairs.sh)."""

import base64
import hashlib
import hmac
import io
import json
import random
import struct
import sys
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import qrcode
import requests
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# The 学信网 备案表 as the OCR benchmark draws it (scripts/bench/xuexin_records.py), which the
# assistant reads; the one real face (scripts/draw_portraits.py), which its face check finds.
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2])]
import xuexin_records  # noqa: E402
from draw_portraits import BOX, CUT_H, CUT_W, FACE_BOX, head  # noqa: E402

DRAW_ONLY = sys.argv[1] == "--draw"
if DRAW_ONLY:
    del sys.argv[1]
BASE = sys.argv[1].rstrip("/")
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 50
FINDING_EVERY = 5
EXAM = "004"
ADMIN = {"id_number": "44030519850315456X", "password": "zige-admin-2026", "key": "ZIGEDEMOADMINZIGEDEMOADMINZIGEDE"}
PASSWORD = "bench-review-1"

NOTO = "/usr/share/fonts/opentype/noto/"
SANS, SERIF = (NOTO + "NotoSansCJK-Regular.ttc", 2), (NOTO + "NotoSerifCJK-Regular.ttc", 2)
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
A4 = (1654, 2339)  # A4 at 200 dpi, the short side exam 004's min_dpi asks for
DOCUMENT_WINDOW = (409600, 614400)  # exam 004: certificates, ID card, 备案表
PHOTO_WINDOW = (102400, 409600)  # exam 004: the ID photo
HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂文华建国志红玉海燕晓东子涵宇轩"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
# How much the light varies across a picture (standard deviation, levels of 255). Uneven light is
# what keeps two people's pictures apart for the assistant's "same document" hash (144 bits of
# the picture's lowest frequencies; 40 or fewer apart is "the same document"). Even so, two
# pictures meet by chance about 3 times in 10 000 pairs (2026-11-26: 19 pairs of 61 000 among 50
# applications' 350 pictures), and random fields alone, about once.
LIGHT = 45
PHOTO_LIGHT = 30
FINDINGS = ["qr_elsewhere", "qr_unreadable", "id_number_differs", "looks_dark"]


def check_digit(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def resident_id(n, area="110105"):
    """A valid GB 11643 number, different for each n below 1000 (born 1980–1989)."""
    first17 = f"{area}198{n % 10}{1 + n // 10 % 12:02d}{1 + n // 120 % 28:02d}{n % 1000:03d}"
    return first17 + check_digit(first17)


def totp(key, at=None):
    """The six digits an authenticator shows now (RFC 6238, SHA-1, 30 s)."""
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def font(spec, px):
    path, index = spec if isinstance(spec, tuple) else (spec, 0)
    return ImageFont.truetype(path, px, index=index)


def words(rnd, n):
    return "".join(rnd.choice(HANZI) for _ in range(n))


def grain(img, sigma, seed):
    arr = np.asarray(img, np.float32)
    arr = arr + np.random.default_rng(seed).normal(0, sigma, arr.shape[:2])[..., None]
    return Image.fromarray(np.uint8(np.clip(arr, 0, 255)))


def uneven_light(img, rnd, strength, keep=None):
    """Light as a phone or a scanner's lid leaves it: a smooth field of broad waves of this
    picture's own (the picture's low frequencies, all that the "same document" hash reads, are
    then its own), `strength` levels of brightness across the picture; `keep` (a boolean mask)
    is left as it is."""
    w, h = img.size
    g = np.random.default_rng(rnd.randrange(1 << 30))
    xs, ys = (np.arange(w) + 0.5) / w, (np.arange(h) + 0.5) / h
    field = np.zeros((h, w), np.float32)
    for u in range(9):
        for v in range(9):
            if u or v:
                field += np.float32(g.normal()) * np.outer(np.cos(np.pi * v * ys), np.cos(np.pi * u * xs)).astype(np.float32)
    field *= strength / field.std()
    if keep is not None:
        field[keep] = 0
    arr = np.asarray(img, np.float32) + field[..., None]
    return Image.fromarray(np.uint8(np.clip(arr, 0, 255)))


def jpeg(img, window, seed):
    """A 200-dpi JPEG inside the byte window: the highest quality that fits; a picture too plain to
    reach the floor gets more grain, one too busy for the ceiling less quality."""
    low, high = window
    for attempt in range(8):
        size = 0
        for quality in range(95, 29, -5):
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=quality, dpi=(200, 200))
            size = buf.tell()
            if low <= size <= high:
                return buf.getvalue()
            if size < low:
                break
        img = grain(img, 4 + 2 * attempt, seed + attempt)
    raise SystemExit(f"no JPEG inside {window} (last {size} bytes)")


def page(rnd, title, seal=True, photo=False):
    """A certificate or document on white paper: a title, blocks of text at this page's own
    indents and widths, a dark block (a photo, a table, a stamp's shadow) and a red seal, each
    placed where this page puts them."""
    w, h = A4
    img = Image.new("RGB", A4, (248, 247, 242))
    d = ImageDraw.Draw(img)
    big, body = font(SERIF, rnd.randint(72, 96)), font(SANS, rnd.randint(34, 44))
    tw = d.textlength(title, font=big)
    d.text(((w - tw) / 2 + rnd.randint(-200, 200), rnd.randint(120, 420)), title, font=big, fill=(25, 25, 30))
    y = rnd.randint(520, 760)
    while y < h - 380:
        indent = rnd.randint(110, 420)
        for _ in range(rnd.randint(2, 7)):
            d.text((indent, y), words(rnd, rnd.randint(8, max(9, (w - indent - 120) // 44))), font=body, fill=(30, 30, 35))
            y += rnd.randint(54, 70)
        y += rnd.randint(40, 260)
    bx, by = rnd.randint(80, w - 700), rnd.randint(400, h - 800)
    bw, bh = rnd.randint(260, 600), rnd.randint(200, 700)
    shade = rnd.randint(40, 120)
    d.rectangle([bx, by, bx + bw, by + bh], fill=(shade, shade + 5, shade + 12) if photo else (shade, shade, shade))
    if seal:
        sx, sy, r = rnd.randint(200, w - 300), rnd.randint(h // 2, h - 300), rnd.randint(140, 220)
        d.ellipse([sx - r, sy - r, sx + r, sy + r], outline=(200, 30, 30), width=14)
        d.text((sx - r * 0.6, sy - 30), words(rnd, 4), font=font(SANS, int(r * 0.3)), fill=(200, 30, 30))
    return img


ISSUERS = ["中共北京市朝阳区委组织部", "北京市人力资源和社会保障局", "中共上海市徐汇区委", "广州市天河区人民政府",
           "南京市玄武区教育局", "杭州市西湖区卫生健康委员会", "成都市武侯区财政局", "武汉市洪山区民政局",
           "西安市雁塔区司法局", "济南市历下区审计局", "长沙市岳麓区应急管理局", "重庆市渝中区发展和改革委员会"]


def letter(rnd):
    """A plain official letter (a 红头文件 such as a 任职文件) laid out as GB/T 9704 lays out every
    such letter: the issuer's name in red across the top, the document number over a red rule, the
    title, the addressee, paragraphs of text in the same text block, the issuer and the date, and a
    red seal. Letters from different people differ only in their words, the issuer's name, the
    number of lines and where the seal falls: the hardest case for telling two people's papers apart
    by their look."""
    w, h = A4
    img = Image.new("RGB", A4, (249, 249, 246))
    d = ImageDraw.Draw(img)
    red, ink = (200, 28, 28), (28, 28, 32)
    issuer = rnd.choice(ISSUERS) + "文件"
    head = font(SERIF, min(150, int(1400 / len(issuer))))
    d.text(((w - d.textlength(issuer, font=head)) / 2, 290), issuer, font=head, fill=red)
    number = f"{rnd.choice(['组', '人社', '政', '教', '卫', '财'])}字〔{rnd.randint(2018, 2025)}〕{rnd.randint(1, 160)}号"
    body = font(SERIF, 42)
    d.text(((w - d.textlength(number, font=body)) / 2, 560), number, font=body, fill=ink)
    d.rectangle([170, 640, w - 170, 646], fill=red)
    title = f"关于{rnd.choice(SURNAMES)}{rnd.choice(GIVEN)}同志{rnd.choice(['任职', '职务任免', '试用期满考核合格正式任职'])}的通知"
    big = font(SERIF, 58)
    d.text(((w - d.textlength(title, font=big)) / 2, 740), title, font=big, fill=ink)
    y = 900
    d.text((200, y), rnd.choice(["各科室、各直属单位：", "机关各处室：", "各街道党工委："]), font=body, fill=ink)
    y += 74
    for _ in range(rnd.randint(2, 4)):
        lines = rnd.randint(1, 4)
        for line in range(lines):
            x = 200 + (84 if line == 0 else 0)
            chars = 28 - (2 if line == 0 else 0) if line < lines - 1 else rnd.randint(4, 26)
            d.text((x, y), words(rnd, chars), font=body, fill=ink)
            y += 74
    y += rnd.randint(60, 220)
    signer = issuer[:-2]
    right = w - 260
    d.text((right - d.textlength(signer, font=body), y), signer, font=body, fill=ink)
    date = f"{rnd.randint(2018, 2025)}年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日"
    d.text((right - d.textlength(date, font=body) - 40, y + 74), date, font=body, fill=ink)
    sx, sy, r = right - 220 + rnd.randint(-40, 40), y + 40 + rnd.randint(-30, 30), rnd.randint(150, 175)
    d.ellipse([sx - r, sy - r, sx + r, sy + r], outline=red, width=12)
    d.text((sx - r * 0.7, sy - 24), signer[:6], font=font(SANS, int(r * 0.24)), fill=red)
    if rnd.random() < 0.5:  # the 抄送 block between two rules at the foot
        d.rectangle([170, h - 330, w - 170, h - 327], fill=ink)
        d.text((200, h - 300), "抄送：" + words(rnd, rnd.randint(8, 20)), font=font(SERIF, 36), fill=ink)
        d.rectangle([170, h - 240, w - 170, h - 237], fill=ink)
    return img


def qr_code(text):
    """The 备案表's code, 8 px a module as the page is drawn (8 px/mm)."""
    qr = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make()
    return qr.make_image(fill_color="black", back_color="white").convert("RGB")


def id_card_scan(rnd, person, number, front=True):
    """The card drawn at 20 px/mm, laid on a white sheet where this scan puts it, scanned at
    400 dpi (85.6 × 54 mm is then 1348 × 850 px) and cut to 1654 × 2339, the A4 page at 200 dpi
    (smaller on the page, a card's text is too little of the picture for the looks advice's
    sharpness: "blurred")."""
    cw, ch = 1712, 1080
    card = Image.new("RGB", (cw, ch), (240, 238, 232))
    d = ImageDraw.Draw(card)
    label, value = font(SANS, 58), font(SERIF, 68)
    blue = (40, 120, 190)
    if front:
        for x, y, text in ((120, 130, "姓名"), (120, 260, "性别"), (540, 260, "民族"), (120, 390, "出生"),
                           (120, 520, "住址"), (120, 906, "公民身份号码")):
            d.text((x, y), text, font=label, fill=blue)
        d.text((310, 124), person["name"], font=font(SERIF, 78), fill=(20, 20, 20))
        d.text((310, 256), "男" if int(number[16]) % 2 else "女", font=value, fill=(20, 20, 20))
        d.text((730, 256), "汉", font=value, fill=(20, 20, 20))
        d.text((310, 386), f"{number[6:10]}年{int(number[10:12])}月{int(number[12:14])}日", font=value, fill=(20, 20, 20))
        for i, line in enumerate((person["address"][:11], person["address"][11:])):
            d.text((310, 516 + i * 92), line, font=value, fill=(20, 20, 20))
        d.text((550, 888), number, font=ImageFont.truetype(MONO, 92), fill=(15, 15, 15))
        d.rectangle([1120, 140, 1620, 780], fill=(230, 232, 236))
        d.ellipse([1270, 240, 1470, 500], fill=(140, 142, 150))
        d.chord([1160, 500, 1580, 1020], 180, 360, fill=(140, 142, 150))
    else:
        d.ellipse([120, 100, 420, 400], outline=(200, 40, 40), width=22)
        d.text((560, 150), "中华人民共和国", font=font(SERIF, 110), fill=(30, 30, 30))
        d.text((640, 330), "居民身份证", font=font(SERIF, 130), fill=(30, 30, 30))
        d.text((260, 720), "签发机关", font=label, fill=(30, 30, 30))
        d.text((560, 712), person["address"][:6] + "公安分局", font=value, fill=(30, 30, 30))
        d.text((260, 860), "有效期限", font=label, fill=(30, 30, 30))
        d.text((560, 852), f"{rnd.randint(2016, 2024)}.0{rnd.randint(1, 9)}.1{rnd.randint(0, 9)}-长期", font=value, fill=(30, 30, 30))
    mm = 400 / 25.4
    small = card.resize((round(85.6 * mm), round(54 * mm)), Image.LANCZOS)
    sheet = Image.new("RGB", A4, (247, 247, 245))
    sheet.paste(small, (rnd.randint(60, A4[0] - small.width - 60), rnd.randint(60, A4[1] - small.height - 60)))
    return sheet


def id_photo(rnd):
    """An ID photo as exam 004 asks for it (a plain white wall; the head 67–90 % of the height,
    the eyes 30–50 % down, at most 10 % off the middle: `FaceFrame`'s defaults), of the one real
    face at hand (scripts/draw_portraits.py), in this photo's own jacket, facing either way, a little
    tilted, sized and placed as this photo has it, so that the assistant's "same document" hash
    tells most candidates' photos apart (one pair in about forty still meets: everyone's face is
    the same one)."""
    w, h = 480, 640
    white = rnd.randint(244, 255)
    wall = (white, white, white - rnd.randint(0, 6))
    img = Image.new("RGB", (w, h), wall)
    person = Image.new("L", img.size, 0)
    box_side = rnd.uniform(0.5, 0.54) * h  # the head, as the assistant finds it, is about 1.45 of the face's box
    box_top = 0.45 * box_side + rnd.uniform(0.0, 0.04) * h
    # The head keeps out of the outer tenths of the upper half, where the background is read.
    reach = max(0.0, 0.4 * w - 8 - 0.55 * box_side)
    middle = w / 2 + rnd.uniform(-reach, reach)
    jacket = tuple(rnd.randint(10, 160) for _ in range(3))
    shoulders = [middle - rnd.uniform(0.42, 0.55) * w, box_top + 1.0 * box_side, middle + rnd.uniform(0.42, 0.55) * w,
                 box_top + 1.0 * box_side + 0.7 * h]
    ImageDraw.Draw(img).ellipse(shoulders, fill=jacket)
    ImageDraw.Draw(person).ellipse(shoulders, fill=255)
    # The shirt in the jacket's opening, light or dark, narrow or wide.
    opening, neck = rnd.uniform(0.05, 0.25) * w, shoulders[1]
    shirt = rnd.choice([(235, 235, 238), (30, 30, 40), tuple(rnd.randint(60, 220) for _ in range(3))])
    ImageDraw.Draw(img).polygon([(middle - opening, neck), (middle + opening, neck), (middle, h)], fill=shirt)
    scale = box_side / BOX[3]
    face = head()
    face_middle = FACE_BOX[0] + FACE_BOX[2] / 2
    if rnd.random() < 0.5:
        face = face.transpose(Image.FLIP_LEFT_RIGHT)
        face_middle = CUT_W - face_middle
    face = face.resize((round(CUT_W * scale), round(CUT_H * scale)), Image.LANCZOS)
    tone = rnd.uniform(0.9, 1.1)  # the light on the day, the camera's exposure
    face = Image.eval(face, lambda v: min(255, int(v * tone)))
    hair_top, chin = box_top - 0.45 * box_side, box_top + 1.08 * box_side
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse([middle - 0.55 * box_side, hair_top, middle + 0.55 * box_side, chin + 0.02 * h], fill=255)
    layer = Image.new("RGB", img.size, wall)
    layer.paste(face, (round(middle - face_middle * scale), round(box_top - FACE_BOX[1] * scale)))
    soft = mask.filter(ImageFilter.GaussianBlur(2))
    turn = rnd.uniform(-6, 6)  # a head held not quite straight
    layer, soft, mask = (part.rotate(turn, resample=Image.BICUBIC, center=(middle, box_top + box_side / 2),
                                     fillcolor=fill)
                         for part, fill in ((layer, wall), (soft, 0), (mask, 0)))
    img.paste(layer, (0, 0), soft)
    person.paste(255, (0, 0), mask)
    # The light on the person only (the wall stays plain, as the looks advice wants it), softer
    # than on a document: a face under a document's blotches is not a photo anyone hands in.
    return uneven_light(img, rnd, PHOTO_LIGHT, keep=np.asarray(person) == 0)


def person_of(n, rnd, taken):
    name = ""
    while not name or name in taken:
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
    taken.add(name)
    address = f"北京市朝阳区{rnd.choice(['建国路', '光华路', '东三环中路', '朝阳门外大街'])}{rnd.randint(1, 300)}号院{rnd.randint(1, 30)}号楼{rnd.randint(101, 2804)}"
    number = resident_id(n)
    return {"serial": n, "id_number": number, "name": name, "address": address,
            # What the 备案表 prints besides (xuexin_records.py's person).
            "y": int(number[6:10]), "m": int(number[10:12]), "d": int(number[12:14]),
            "sex": "男" if int(number[16]) % 2 else "女", "nation": "汉",
            # The 证书编号 of the 高等教育学历 row the form gives (FORM): 山东大学's code, 2012, 本科 (05).
            "diploma": f"104221201205{1000 + n:06d}",
            "finding": FINDINGS[(n // FINDING_EVERY) % len(FINDINGS)] if n % FINDING_EVERY == FINDING_EVERY - 1 else None}


def pictures(person):
    """(category, seq_no, JPEG bytes) of one candidate's seven required pictures, screen order."""
    n, finding = person["serial"], person["finding"]
    rnd = random.Random(3400 + n)
    card_number = resident_id(500 + n, "310104") if finding == "id_number_differs" else person["id_number"]
    vcode = "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))
    code = None  # qr_unreadable: a block of modules no reader can read
    if finding == "qr_elsewhere":
        code = qr_code(f"https://verify.example.com/cert?id={vcode}")
    elif finding != "qr_unreadable":
        code = qr_code(f"https://www.chsi.com.cn/xlcx/bg.do?vcode={vcode}&srcid=bgcx")
    holder = dict(person, number=person["id_number"])
    record = xuexin_records.scanned(
        xuexin_records.record(holder, rnd, certificate=person["diploma"], code=code), rnd, 200).convert("RGB")
    appointment = letter(rnd)
    if finding == "looks_dark":
        appointment = Image.eval(appointment, lambda v: v * 45 // 255)
    drawn = [
        ("id_photo", 1, id_photo(rnd), PHOTO_WINDOW),
        ("id_card", 1, id_card_scan(rnd, person, card_number, front=True), DOCUMENT_WINDOW),
        ("id_card", 2, id_card_scan(rnd, person, card_number, front=False), DOCUMENT_WINDOW),
        ("bachelor_diploma", 1, page(rnd, "普通高等学校毕业证书", photo=True), DOCUMENT_WINDOW),
        ("appointment", 1, appointment, DOCUMENT_WINDOW),
        ("title_certificate", 1, page(rnd, "专业技术资格证书", photo=True), DOCUMENT_WINDOW),
        ("chsi_record", 1, record, DOCUMENT_WINDOW),
    ]
    return [(category, seq, jpeg(grain(lit(img, rnd, category), 3, n * 10 + i), window, n * 10 + i))
            for i, (category, seq, img, window) in enumerate(drawn)]


def lit(img, rnd, category):
    """Uneven light on a document; an ID photo has its own already (`id_photo`)."""
    return img if category == "id_photo" else uneven_light(img, rnd, LIGHT)


def answer(response, what):
    if not response.ok:
        raise SystemExit(f"{what}: {response.status_code} {response.text[:300]}")
    return response.json() if response.content else None


FORM = {"education_level": "大学本科", "school": "示例财经大学", "graduated": "2012-07", "employer": "示例街道办事处",
        "work_began": "2012-08", "post_title": "一级科员",
        "resume": "2012.8-2017.3，示例街道办事处，科员\n2017.4至今，示例街道办事处，一级科员",
        # 高等教育学历 (seed 004 section 四, required to submit): one bachelor's row whose
        # 证书编号 says 2012 (digits 7–10) and 05 for a bachelor's (digits 11–12).
        "diplomas": "大学本科\t示例财经大学\t财务管理\t2008-09\t2012-07\t104221201205001234"}


def form_of(person):
    """FORM with this candidate's own 证书编号, the one the drawn 备案表 prints."""
    return dict(FORM, diplomas=FORM["diplomas"].rsplit("\t", 1)[0] + "\t" + person["diploma"])


def hand_in(person, drawn):
    s = requests.Session()
    fields = {"id_type": "resident_id", "id_number": person["id_number"], "name": person["name"],
              "mobile": "13800138000", "password": PASSWORD, "email": "", "id_valid_until": "long_term",
              "typed_again": {"id_type": "resident_id", "id_number": person["id_number"], "name": person["name"]}}
    answer(s.post(f"{BASE}/api/sign_up", json={"fields": fields}), "sign up")
    answer(s.post(f"{BASE}/api/accept_pledge", json={"code": EXAM}), "pledge")
    for category, seq, data in drawn:
        response = s.post(f"{BASE}/api/materials", data={"exam": EXAM, "category": category, "seq_no": str(seq)},
                          files={"file": (f"{category}-{seq}.jpg", data, "image/jpeg")})
        stored = answer(response, f"upload {category} {seq} ({len(data)} bytes)")
        # The candidate's page shows each picture's small copy once it is up, which makes it.
        small_copy = s.get(f"{BASE}/api/materials/{stored['id']}/thumb")
        if not small_copy.ok:
            raise SystemExit(f"small copy of {category} {seq}: {small_copy.status_code}")
    problems = answer(s.post(f"{BASE}/api/save_application",
                             json={"code": EXAM, "form": form_of(person), "position": None, "submit": True}), "submit")
    if problems:
        raise SystemExit(f"submit of {person['name']}: {problems}")


def queue(admin):
    rows, after = [], None
    while True:
        query = {"exam_code": EXAM, "filter": "awaiting", "from": None, "to": None, "findings": "Any", "after": after}
        got = answer(admin.post(f"{BASE}/api/review_queue", json={"query": query}), "queue")
        rows += got["rows"]
        after = got["next"]
        if not after:
            return rows


def draw_only(folder):
    from pathlib import Path
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    taken = set()
    people = [person_of(n, random.Random(n), taken) for n in range(COUNT)]
    # Two processes: the drawing holds Python's lock most of the time. Forked, as the module runs
    # its main() on import.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        for person, drawn in zip(people, pool.map(pictures, people)):
            for category, seq, data in drawn:
                (out / f"c{person['serial']:04}_{category}_{seq}.jpg").write_bytes(data)
    print(f"{COUNT * 7} pictures in {out}", file=sys.stderr)


def main():
    if DRAW_ONLY:
        return draw_only(BASE)
    admin = requests.Session()
    step = answer(admin.post(f"{BASE}/api/log_in", json={"id_number": ADMIN["id_number"], "password": ADMIN["password"]}), "log in")
    answer(admin.post(f"{BASE}/api/give_second_factor", json={"code": totp(ADMIN["key"])}), f"second factor after {step}")
    taken = set()
    people = [person_of(n, random.Random(n), taken) for n in range(COUNT)]
    listed = "\n".join(f"{p['id_number']},{p['name']}" for p in people)
    answer(admin.post(f"{BASE}/api/admin_import_eligibility", json={"code": EXAM, "csv": listed}), "eligibility")
    started = time.time()
    # Drawing is the slow part (numpy, PIL): two at a time while the previous candidate hands in.
    with ThreadPoolExecutor(2) as pool:
        for person, drawn in zip(people, pool.map(pictures, people)):
            hand_in(person, drawn)
            print(f"handed in {person['serial'] + 1}/{COUNT} ({time.time() - started:.0f} s)", file=sys.stderr)
    while True:
        rows = queue(admin)
        waiting = sum(not row["looked_at"] for row in rows)
        if waiting == 0 and len(rows) == COUNT:
            break
        print(f"the assistant has {waiting} applications to look at", file=sys.stderr)
        time.sleep(5)
    by_name = {p["name"]: p for p in people}
    kinds = {}
    for row in rows:
        for kind in row["findings"]:
            kinds[kind] = kinds.get(kind, 0) + 1
    print(json.dumps({
        "applications": [{"id": r["application_id"], "name": r["candidate_name"], "findings": r["findings"],
                          "drawn_with": by_name.get(r["candidate_name"], {}).get("finding")} for r in rows],
        "clean": sum(not r["findings"] for r in rows),
        "with_findings": kinds,
        "seconds": round(time.time() - started),
    }, ensure_ascii=False))


main()
