"""The blocks a story's body may use: the site's common blocks plus a gallery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BaseStreamBlock, ImageBlock


class GalleryBlock(blocks.StructBlock):
    """A few photographs shown together, each with its own alt text, caption and credit."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=2, max_num=12)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "stories/blocks/gallery_block.html"


class StoryStreamBlock(BaseStreamBlock):
    gallery = GalleryBlock()
