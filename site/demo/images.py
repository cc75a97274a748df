"""Images for the demo, drawn with Pillow: nothing is downloaded."""

import io

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from cms_pages.models import CustomImage


def generated_image(title, label, colour, size=(1200, 630)):
    """The image called `title`, drawn once: `label` on a band of `colour`."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = size
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    # A few soft stripes, so that crops and renditions are visibly different.
    for step in range(0, width, width // 8):
        shade = tuple(min(255, channel + 18) for channel in colour)
        draw.polygon([(step, height), (step + width // 16, 0), (step + width // 8, 0)], fill=shade)
    draw.text(
        (width // 2, height // 2), label, fill=(255, 255, 255), anchor="mm", font_size=height // 7
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    name = "".join(char if char.isalnum() else "-" for char in label.lower()).strip("-")
    return CustomImage.objects.create(
        title=title, credit="Rrjeti POP", file=ImageFile(buffer, name=f"demo-{name}.png")
    )
