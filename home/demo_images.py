"""Posters for the demo: one distinct image per member and per story, drawn with Pillow so
that the demo needs no image files.

A poster shows a name and a line below it on a colour derived from the name (the same
name always gives the same colour, so a second run of the loader finds the image it
made). The text is drawn with Pillow's own font, which ships with Pillow: no system font
is needed on a fresh machine. Posters are Communications' media (its collection).
"""

import colorsys
import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from cityteams.roles import communications_collection

WHITE = (255, 255, 255)


def colour_for(name):
    """A dark, saturated colour from the name's hash: white text on it stays readable."""
    digest = hashlib.sha256(name.encode()).digest()
    hue = digest[0] / 255
    red, green, blue = colorsys.hls_to_rgb(hue, 0.28, 0.65)
    return (round(red * 255), round(green * 255), round(blue * 255))


def _fitted_font(draw, text, width, largest):
    size = largest
    while size > 18:
        font = ImageFont.load_default(size=size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return ImageFont.load_default(size=size)


def _wrapped(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def draw_poster(name, subtitle, size):
    width, height = size
    colour = colour_for(name)
    canvas = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    margin = width // 12
    # A lighter band and the campaign's mark make every poster recognisably the campaign's.
    band = tuple(min(255, channel + 60) for channel in colour)
    draw.rectangle([0, height - height // 6, width, height], fill=band)
    mark = ImageFont.load_default(size=max(18, height // 18))
    draw.text((margin, margin), "10·100·1000", font=mark, fill=WHITE)
    font = ImageFont.load_default(size=max(28, height // 9))
    lines = _wrapped(draw, name, font, width - 2 * margin)[:3]
    if len(lines) == 1:
        font = _fitted_font(draw, name, width - 2 * margin, height // 6)
    line_height = font.size * 1.15
    top = (height - line_height * len(lines)) / 2 - height // 12
    for number, line in enumerate(lines):
        draw.text((margin, top + number * line_height), line, font=font, fill=WHITE)
    small = _fitted_font(draw, subtitle, width - 2 * margin, max(20, height // 14))
    draw.text(
        (margin, top + len(lines) * line_height + height // 30), subtitle, font=small, fill=WHITE
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer


def poster(title, name, subtitle, description, *, size=(1200, 630), filename):
    """The demo image called ``title``, made on first use: ``name`` in large letters over
    ``subtitle``. ``description`` is its alternative text (Wagtail's image description)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        if image.collection.is_root():
            # Left in the root collection by an older demo: Communications may not choose it.
            image.collection = communications_collection()
            image.save(update_fields=["collection"])
        return image
    image = Image(
        title=title,
        description=description,
        file=ImageFile(draw_poster(name, subtitle, size), name=filename),
        collection=communications_collection(),
    )
    image.save()
    return image
