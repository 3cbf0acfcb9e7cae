"""The blocks a story's body may use: the site's common blocks plus a gallery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BaseStreamBlock, ImageBlock, newest


class GalleryBlock(blocks.StructBlock):
    """A few photographs shown together, each with its own alt text, caption and credit."""

    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("e.g. “The 2026 congress in Tangier”."),
    )
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=2, max_num=12)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "stories/blocks/gallery_block.html"
        description = _("Two to twelve photographs shown together, each with its caption.")

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = newest(get_image_model)
        item = {"image": image, "alt_text": "", "caption": "", "credit": ""}
        return self.normalize({"title": "A gallery", "images": [item, item] if image else []})


class StoryStreamBlock(BaseStreamBlock):
    gallery = GalleryBlock()
