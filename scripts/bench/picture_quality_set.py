# Usage: picture_quality_set.py OUTPUT_FOLDER EXAMPLES_FOLDER (run by ./scripts/bench-picture-quality.sh)
# Builds the calibration set: real photographs from scikit-image's bundled data (and the exams'
# example pictures), each also blurred, shaken sideways, darkened and washed out as a phone would
# spoil it.
import os, sys, glob
import numpy as np
from PIL import Image, ImageFilter, ImageEnhance
import skimage.data as d
out = sys.argv[1]; examples = sys.argv[2]
os.makedirs(out, exist_ok=True)
real = {
    'astronaut': d.astronaut(), 'camera': d.camera(), 'chelsea': d.chelsea(), 'coffee': d.coffee(),
    'rocket': d.rocket(), 'motorcycle': d.stereo_motorcycle()[0], 'page': d.page(), 'text': d.text(),
    'clock-motion-blur': np.asarray(Image.open(os.path.join(os.path.dirname(d.__file__), 'clock_motion.png'))),
    'hubble': d.hubble_deep_field(), 'moon': d.moon(), 'coins': d.coins(), 'horse': (d.horse() * 255).astype('uint8') if d.horse().dtype == bool else d.horse(),
}
def shaken(img, length):
    """Moved sideways by `length` px while exposed: each pixel the mean of its row's `length`."""
    a = np.asarray(img.convert('RGB')).astype(float)
    kernel = np.ones(length) / length
    rows = np.apply_along_axis(lambda r: np.convolve(r, kernel, mode='same'), 1, a)
    return Image.fromarray(np.clip(rows, 0, 255).astype('uint8'))
def save(name, img):
    img.convert('RGB').save(os.path.join(out, name + '.png'))
for name, array in real.items():
    img = Image.fromarray(array)
    save(name, img)
    if name in ('clock-motion-blur', 'hubble', 'moon', 'horse'):
        continue
    save(name + '~blur2', img.filter(ImageFilter.GaussianBlur(2)))
    save(name + '~blur4', img.filter(ImageFilter.GaussianBlur(4)))
    save(name + '~shake4', shaken(img, 4))
    save(name + '~shake12', shaken(img, 12))
    save(name + '~dark', ImageEnhance.Brightness(img.convert('RGB')).enhance(0.25))
    washed = Image.eval(img.convert('RGB'), lambda v: int(170 + v * 0.3))
    save(name + '~washed', washed)
# A blank page: the page's paper with its print taken away (its own grain and shading kept).
page = np.asarray(Image.fromarray(d.page()).convert('L')).astype(float)
paper = np.asarray(Image.fromarray(d.page()).filter(ImageFilter.MaxFilter(9))).astype(float)
save('page~blank', Image.fromarray(np.clip(paper, 0, 255).astype('uint8')))
for path in sorted(glob.glob(os.path.join(examples, '*.jpg'))):
    name = 'example-' + os.path.splitext(os.path.basename(path))[0]
    img = Image.open(path)
    save(name, img)
    if 'photo' in name:
        save(name + '~blur4', img.filter(ImageFilter.GaussianBlur(4)))
        save(name + '~shake12', shaken(img, 12))
        grey = Image.eval(img.convert('RGB'), lambda v: v)
        save(name + '~dark', ImageEnhance.Brightness(img.convert('RGB')).enhance(0.25))
