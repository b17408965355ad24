#!/usr/bin/env python3
"""A word retired in docs/architecture.md's glossary is found nowhere else.

One word per idea: "desk" once named the branch's on-site check, the reviewer's screen and the
administrators' panels, and every reader had to guess which. The glossary says which word names
what now and which words are retired; this check lists every tracked file that uses a retired word
again. Migrations and the benchmark log keep the words of their day, and the glossary names them.
"""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
# Each retired word as a pattern ("desk" but not "desktop", the whole word "door(s)"), and where
# it is retired: everywhere (None), or in the files a path pattern matches.
BROWSER_CODE = re.compile(r"^(app/src/(client|components|offline|pages)/|app/src/(client|components|offline)\.rs$|public/|style/|end2end/tests/)")
GATEWAY_CODE = re.compile(r"^(app/src/ssr/payments|app/src/ssr/infra/payment_gateway\.rs|app/src/domain/(payment_order|staff_flag|exam_fee)\.rs|server/src/gateways/(payments|sms)|server/src/http/routes/(sandbox_cashier|pay_order|payment_notify)\.rs|server/examples/gateway_standins\.rs|server/tests/support/(sms_standins|alipay_standin|wechatpay_standin|fees)|server/tests/integration/(payments|wechatpay|alipay|alipay_adapter)\.rs)")
# Where "image" is retired: Zige's own code, pages, tests and documents. Cargo manifests name the
# `image` crate, Typst templates call Typst's `image()`, and the benchmark scripts draw with PIL.
OWN_WORDS = re.compile(r"^(app/|server/(src|tests|examples)/|frontend/|picture_checks/src/|end2end/tests/|style/|docs/|README\.md$|exams/.*\.toml$)(?!.*(Cargo\.toml|\.typ)$)")
RETIRED = {
    "desk": (re.compile(r"desk(?!top)", re.IGNORECASE), None),
    "door": (re.compile(r"\b[Dd]oors?\b|[a-z]Door\b|_door\b"), None),
    "told apart": (re.compile(r"told[ _]apart", re.IGNORECASE), None),
    "laid right": (re.compile(r"laid[ _]right", re.IGNORECASE), None),
    # The server's outbox keeps its name; the browser's queue is the pending queue. Its IndexedDB
    # stores keep the names they were created with ("outbox", "outbox_bytes"), quoted.
    "outbox": (re.compile(r"outbox", re.IGNORECASE), BROWSER_CODE),
    # "provider" is the identity provider's alone: payments and texts go through gateways.
    "provider": (re.compile(r"provider", re.IGNORECASE), GATEWAY_CODE),
    # One upload is a material (the kept record), its bytes a file (what is judged and served), its
    # pixels a picture (what checks and people look at).
    "image": (re.compile(r"image", re.IGNORECASE), OWN_WORDS),
}
# What a line may say before it is searched: the IndexedDB stores' names, quoted.
SPARED = {
    "outbox": re.compile(r"""["']outbox(_bytes)?["']"""),
    # Other people's names: the `image` crate and its types and methods, the browser's APIs, MIME
    # types, JPEG's end-of-image marker, poppler's pdfimages, ImageMagick, a gateway's example, the
    # scikit-image package (PyPI), the npm package the photo tool is timed against.
    "image": re.compile(
        r"image::\w*|\bimage(\.workspace|\s*=\s*\{)|\"dep:image\"|`image`|[Tt]he image crate|image/(jpeg|png|webp|gif|avif|heic|heif|bmp|tiff|svg\+xml|\*)"
        r"|HtmlImageElement|HTMLImageElement|imageOrientation: from-image|ImageBitmap\w*|\w*image_bitmap\w*|draw_image\w*|drawImage|createImageBitmap|imageops|ImageDecoder|ImageReader"
        r"|image_hasher|ImageOrientation|\w*image_orientation|\w*image_smoothing\w*|imageSmoothing\w*|ImageData|(get|put)_image_data"
        r"|ImageEncoder|\.write_image\(|\.to_image\(\)|end_of_image|DynamicImage(::Image\w+)?|GrayImage|RgbImage|RgbaImage|ImageBuffer"
        r"|ImageError|ImageResult|GenericImage\w*|pdfimages|ImageId|FromImage|background-image|image-rendering|imager\b|PreparedImage"
        r"|ImageHash\w*|ImageLuma\w*|ImageRgb\w*|image_dimensions|\.max_image_(width|height)|ImageMagick|imagemagick|\.hash_image\("
        r"|\.encode_image\(|ImageFormat::(Png|Jpeg)|ImageEXIF|scikit-image|browser-image-compression"
        # Typst's `image()` in a template written inside Rust.
        r"|\bimage\(\"\w+\.(jpg|svg)\""
        # The old names, quoted where the README tells operators what they are called now.
        r"|`check-images`|`not_an_image`"
    ),
}
# Lines allowed to say a retired word anyway: the administrators' list of what the server's outbox
# gave up on is drawn in the browser.
ALLOWED_FILES = {"outbox": {"app/src/components/undelivered_messages.rs", "end2end/tests/admin.spec.ts"}}
# History: what ran or changed on a day, in that day's words (and the test that old databases'
# words are renamed, which must write them).
HISTORY = re.compile(r"^(server/migration/src/m\d{8}_\d{6}_|docs/benchmarks\.md$|server/tests/integration/stored_words\.rs$)")
THIS_FILE = "scripts/checks/retired_words.py"
BINARY = re.compile(r"\.(png|jpe?g|pdf|xlsx|ico|woff2?|ttf|otf|wasm|br|gz)$")

glossary_doc = root / "docs" / "architecture.md"
text = glossary_doc.read_text(encoding="utf-8")
start = text.index("## Glossary: one word per idea")
glossary = text[start:text.index("\n## ", start + 1)]
for word in RETIRED:
    if word not in glossary:
        sys.exit(f"retired words: '{word}' is checked here but the glossary does not retire it")

files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
found = []
for name in files:
    if HISTORY.match(name) or BINARY.search(name) or name == THIS_FILE:
        continue
    path = root / name
    if not path.is_file():
        continue
    try:
        body = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        continue
    if name == "docs/architecture.md":
        body = body.replace(glossary, "")
    for number, line in enumerate(body.splitlines(), 1):
        for word, (pattern, scope) in RETIRED.items():
            if scope is not None and not scope.match(name):
                continue
            if name in ALLOWED_FILES.get(word, ()):
                continue
            spared = SPARED.get(word)
            if pattern.search(spared.sub("", line) if spared else line):
                found.append(f"{name}:{number}: '{word}' is retired (docs/architecture.md's glossary): {line.strip()[:100]}")
for line in found:
    print(line)
print(f"retired words: {len(RETIRED)} words, {len(found)} uses outside the glossary and history")
sys.exit(1 if found else 0)
