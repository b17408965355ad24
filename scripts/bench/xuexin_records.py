"""教育部学历证书电子注册备案表 pages as candidates hand them in, for measuring how well the server
reads the holder's printed 证件号码 off them (issue 55, scripts/bench-record-ocr.sh), as
id_cards.py does for ID cards. Each record is an A4 page drawn at 8 px/mm with real fonts (labels
in Noto Sans CJK SC; values in Noto Sans or Serif CJK SC; the number in one of those or in DejaVu
Sans, as printers and browsers render the PDF), a faint 学信网 watermark, the table of the holder's
details — 姓名, 证件号码 (a valid GB 11643 number, some ending in X), dates, school, and a 证书编号 of
18 digits that is no ID number — the 在线验证码 and a code block. Then it is printed and scanned at
200 or 300 dpi (slightly crooked), or photographed on a table in a portrait frame (the page filling
0.7–0.95 of the width, tilt, rotation, blur, uneven light, noise) and saved as a 200 dpi JPEG inside
exam 004's 学历电子注册备案表 window (400–600 KiB). Files are named as id_cards.py names them, by
the number they must read as, e.g. 11010519491231002X_record_photo_f0.8_t0.08_b1.0_l0.4.jpg; those
named bad_… must read as nothing (the number smeared or covered, printed with a wrong check digit,
or a page printing only its 证书编号). Deterministic (seeded). Usage: xuexin_records.py FOLDER [COUNT]"""
import random, sys
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from id_cards import (A4_SHORT, SANS, SERIF, identity, noise, place, rotated_quad, save, table,
                      uneven_light)

PX_MM = 8  # the page is drawn at 8 px/mm (1680×2376), then printed into the scene
PAGE_W, PAGE_H = 210 * PX_MM, 297 * PX_MM
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCHOOLS = [("10001", "北京大学"), ("10003", "清华大学"), ("10246", "复旦大学"), ("10284", "南京大学"),
           ("10335", "浙江大学"), ("10486", "武汉大学"), ("10558", "中山大学"), ("10610", "四川大学"),
           ("10698", "西安交通大学"), ("10422", "山东大学"), ("10533", "中南大学")]
MAJORS = ["计算机科学与技术", "汉语言文学", "会计学", "法学", "临床医学", "土木工程", "英语", "数学与应用数学"]


def font(spec, mm):
    path, index = spec if isinstance(spec, tuple) else (spec, 0)
    return ImageFont.truetype(path, int(mm * PX_MM), index=index)


def certificate_number(rnd, school, year):
    """学校代码 (5) + 办学类型 (1) + 毕业年份 (4) + 层次 (2) + 顺序号 (6): 18 digits, no ID number."""
    return f"{school}1{year}{rnd.choice(['05', '06', '01'])}{rnd.randrange(1, 10 ** 6):06d}"


def record(person, rnd, show_id=True, smear=False, cover=False, certificate=None, code=None):
    """The record's page (RGBA, opaque) for `person`; the 证件号码 cell smeared, covered by a
    thumb, or left out (a page printing only its 证书编号) when asked. `certificate` is the 证书编号
    to print (one made up for the school otherwise); `code` a picture of a real QR code to print
    where the code block goes (a block no reader can read otherwise)."""
    page = Image.new("RGBA", (PAGE_W, PAGE_H), (252, 252, 249, 255))
    d = ImageDraw.Draw(page)
    def mm(x, y): return (int(x * PX_MM), int(y * PX_MM))
    mark = font(SANS, 9)
    for row in range(9):  # the faint watermark the site prints under the table
        for col in range(3):
            d.text(mm(12 + col * 70 + (row % 2) * 30, 30 + row * 30), "学信网", font=mark, fill=(238, 240, 246, 255))
    ink, rule, label_ink = (25, 25, 30, 255), (110, 110, 120, 255), (60, 60, 70, 255)
    d.text(mm(38, 20), "教育部学历证书电子注册备案表", font=font(SANS, 7.5), fill=ink)
    d.text(mm(128, 36), f"更新日期：{rnd.randint(2024, 2026)}年{rnd.randint(1, 12):02d}月{rnd.randint(1, 28):02d}日",
           font=font(SANS, 3.4), fill=label_ink)
    value = font(rnd.choice([SANS, SERIF]), 4.0)
    number_font = font(*rnd.choice([(SANS, 4.0), (SERIF, 4.0), (DEJAVU, 3.7)]))
    label = font(SANS, 3.8)
    school_code, school = rnd.choice(SCHOOLS)
    start = person["y"] + 18
    number = person["number"] if show_id else ""
    rows = [("姓名", person["name"], "性别", person["sex"]),
            ("证件号码", number, "民族", person["nation"] + "族"),
            ("出生日期", f"{person['y']}年{person['m']:02d}月{person['d']:02d}日", "学历类别", "普通高等教育"),
            ("学校名称", school, "层次", "本科"),
            ("专业", rnd.choice(MAJORS), "学制", "4年"),
            ("学习形式", "普通全日制", "毕(结)业", "毕业"),
            ("入学日期", f"{start}年09月01日", "毕业日期", f"{start + 4}年06月30日"),
            ("证书编号", certificate or certificate_number(rnd, school_code, start + 4), "", ""),
            ("校(院)长姓名", person["name"][0] + "明远", "", "")]
    top, height, left, right = 46, 13, 14, 196
    for i, (l1, v1, l2, v2) in enumerate(rows):
        y = top + i * height
        d.line([mm(left, y), mm(right, y)], fill=rule, width=2)
        d.text(mm(left + 3, y + 4.2), l1, font=label, fill=label_ink)
        d.text(mm(left + 33, y + 4.0), v1, font=number_font if l1.endswith("号码") else value, fill=ink)
        if l2:
            d.text(mm(122, y + 4.2), l2, font=label, fill=label_ink)
            d.text(mm(146, y + 4.0), v2, font=value, fill=ink)
    bottom = top + len(rows) * height
    d.line([mm(left, bottom), mm(right, bottom)], fill=rule, width=2)
    for x in (left, left + 30, 118, 143, right):
        d.line([mm(x, top), mm(x, bottom if x in (left, left + 30, right) else top + 7 * height)], fill=rule, width=2)
    d.text(mm(left + 3, bottom + 14), "在线验证码：" + "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16)),
           font=font(SANS, 3.6), fill=ink)
    d.text(mm(left + 3, bottom + 22), f"本备案表在线验证有效期至{start + 15}年05月20日", font=font(SANS, 3.2), fill=label_ink)
    qr_rnd = random.Random(rnd.randrange(1 << 30))  # a code-like block of modules, unless a real code is given
    qx, qy, module = 150, bottom + 30, 1.3
    if code is not None:
        page.paste(code.convert("RGBA"), mm(qx, qy))
    else:
        for r in range(29):
            for c in range(29):
                if qr_rnd.random() < 0.5 or (min(r, c) < 7 and max(r, c) < 7):
                    d.rectangle([mm(qx + c * module, qy + r * module), mm(qx + (c + 1) * module, qy + (r + 1) * module)], fill=ink)
    cell = (int((left + 31) * PX_MM), int((top + height + 1) * PX_MM), int(117 * PX_MM), int((top + 2 * height - 1) * PX_MM))
    if smear:  # a wet finger dragged across the number: the cell blurred past reading
        page.paste(page.crop(cell).filter(ImageFilter.BoxBlur(PX_MM * 1.6)), cell[:2])
    if cover:  # a thumb holding the page down, over the middle of the number
        x, y = (cell[0] + cell[2]) // 2, (cell[1] + cell[3]) // 2
        d.ellipse([x - 16 * PX_MM, y - 9 * PX_MM, x + 16 * PX_MM, y + 22 * PX_MM], fill=(214, 170, 150, 255))
    return page


def scanned(page, rnd, dpi):
    """The printed page on the scanner glass, a little crooked, scanned at dpi."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    glass = Image.fromarray(np.uint8(np.full((h, w, 3), 240)))
    quad = rotated_quad(w / 2 + rnd.uniform(-4, 4), h / 2 + rnd.uniform(-4, 4), w * 0.985, h * 0.985, rnd.uniform(-1.5, 1.5))
    img = place(glass, page, quad).filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.7)))
    return noise(img, 3, rnd)


def photographed(page, rnd, tilt, blur, light, fill):
    """The page on a table, photographed in a portrait frame (1654×2339, A4 at 200 dpi): it fills
    `fill` of the frame's width, tilted, rotated, blurred, lit unevenly, with sensor noise."""
    w, h = A4_SHORT, 2339
    scene = table(w, h, rnd)
    pw = fill * w
    quad = rotated_quad(w / 2 + rnd.uniform(-0.04, 0.04) * w, h / 2 + rnd.uniform(-0.03, 0.03) * h,
                        pw, pw * 297 / 210, rnd.uniform(-5, 5), tilt, rnd)
    img = place(scene, page, quad)
    if blur: img = img.filter(ImageFilter.GaussianBlur(blur))
    if light: img = uneven_light(img, light, rnd)
    return noise(img, rnd.uniform(4, 9), rnd)


def main():
    out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rnd = random.Random(55)
    for i in range(count):
        person = identity(rnd, x_check=(i % 6 == 5))
        page = record(person, rnd)
        if i % 4 == 3:
            dpi = rnd.choice([200, 300])
            save(scanned(page, rnd, dpi), out, f"{person['number']}_record_scan{dpi}")
        else:
            tilt = rnd.choice([0.0, 0.06, 0.12])
            blur = rnd.choice([0.0, 0.8, 1.5, 2.5])
            light = rnd.choice([0.0, 0.4, 0.7])
            fill = rnd.choice([0.7, 0.8, 0.95])
            save(photographed(page, rnd, tilt, blur, light, fill), out,
                 f"{person['number']}_record_photo_f{fill}_t{tilt}_b{blur}_l{light}")
    # What must not read as a valid number: above all, never the 证书编号's 18 digits.
    for k in range(2):
        save(photographed(record(identity(rnd), rnd, smear=True), rnd, 0.04, 0.6, 0.3, 0.9), out, f"bad_record_smeared_{k}")
        save(scanned(record(identity(rnd), rnd, show_id=False), rnd, 200), out, f"bad_record_certificate_number_only_{k}")
    save(photographed(record(identity(rnd), rnd, cover=True), rnd, 0.04, 0.6, 0.3, 0.9), out, "bad_record_covered")
    wrong = identity(rnd, wrong_check=True)
    save(scanned(record(wrong, rnd), rnd, 300), out, f"bad_record_wrong_check_{wrong['number']}")
    print(count, "readable-intended and 6 unreadable records in", out)


if __name__ == "__main__":
    main()
