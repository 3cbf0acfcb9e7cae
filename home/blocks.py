"""StreamField blocks shared by every page body on the site.

Blocks used by a single app live in that app; these are the common vocabulary
of campaign pages (stories, visions, initiatives and the home page all use them).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading. The level is a choice, not free text, so translators never see it."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Sub-section (level 3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Housing is a human right", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person it is attributed to."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)
    role = blocks.CharBlock(label=_("Role or title"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Human rights begin in small places, close to home.",
            "attribution": "Eleanor Roosevelt",
        }


class ImageBlock(blocks.StructBlock):
    """An image with its caption, credit and a text alternative for people who cannot see it."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        max_length=255,
        required=False,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class KeyFigureBlock(blocks.StructBlock):
    """A number that tells the story at a glance, e.g. "12,000 households housed"."""

    figure = blocks.CharBlock(label=_("Figure"), max_length=40)
    label = blocks.CharBlock(label=_("What it counts"), max_length=200)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=255)

    class Meta:
        icon = "snippet"
        label = _("Key figure")
        template = "blocks/key_figure_block.html"
        preview_value = {"figure": "100", "label": "local and regional governments"}


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube, Vimeo…) with a caption."""

    video = EmbedBlock(label=_("Video address"), max_width=960)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, such as a local human rights plan."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another website."""

    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or another website"), required=False)
    text = blocks.CharBlock(label=_("Link text"), max_length=255)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link_block.html"
        preview_value = {"url": "https://uclg-cisdp.org", "text": "UCLG Committee"}

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter a web address."))}
            )
        return cleaned


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one button, e.g. "Join the fourth wave"."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body may use."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>Our city commits to the Global Charter-Agenda for Human Rights.</p>",
    )
    quote = QuoteBlock()
    image = ImageBlock()
    key_figures = KeyFiguresBlock()
    video = VideoBlock()
    document = DocumentBlock()
    link = LinkBlock()
    call_to_action = CallToActionBlock()
