"""StreamField blocks shared by every page body on the site.

Blocks used by a single app live in that app; these are the common vocabulary
of campaign pages (stories, visions, initiatives and the home page all use them).

Every block has a ``description`` and a preview in the block menu (the "+" of a
StreamField): the preview renders ``preview_value`` through the block's own template,
inside templates/wagtailcore/shared/block_preview.html (the site's stylesheet). Blocks whose
preview needs a file (images, documents) show the newest one the site has, or nothing.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class LabelledChoiceBlock(blocks.ChoiceBlock):
    """A choice shown by its label wherever Wagtail renders the bare value: the revision
    comparison showed "h2" where the editor had picked "Section (level 2)"."""

    def render_basic(self, value, context=None):
        return str(dict(self.field.choices).get(value, value))


def newest(model_getter):
    """The newest image or document, for a block menu preview (None on an empty site)."""
    return model_getter().objects.order_by("-pk").first()


class HeadingBlock(blocks.StructBlock):
    """A section heading. The level is a choice, not free text, so translators never see it."""

    text = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        help_text=_("Short and plain, e.g. “Housing is a human right”."),
    )
    level = LabelledChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Sub-section (level 3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A title that starts a new section of the page.")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Housing is a human right", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person it is attributed to."""

    quote = blocks.TextBlock(
        label=_("Quote"), help_text=_("The words as they were said, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=255,
        help_text=_("Who said it, e.g. “Ada Colau”."),
    )
    role = blocks.CharBlock(
        label=_("Role or title"),
        required=False,
        max_length=255,
        help_text=_("e.g. “Mayor of Barcelona, 2015–2023”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("Someone's words, with who said them.")
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
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=255,
        help_text=_("Shown under the image, e.g. “The new social housing in Sants, 2024”."),
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=255,
        help_text=_("Who took or owns the photo, e.g. “© City of Barcelona”."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("A photograph or illustration, with its text alternative and caption.")

    def get_preview_value(self):
        from wagtail.images import get_image_model

        return self.normalize(
            {
                "image": newest(get_image_model),
                "alt_text": "",
                "caption": "A caption under the image",
                "credit": "",
            }
        )


class KeyFigureBlock(blocks.StructBlock):
    """A number that tells the story at a glance, e.g. "12,000 households housed"."""

    figure = blocks.CharBlock(
        label=_("Figure"),
        max_length=40,
        help_text=_("The number as it should be read, e.g. “12,000” or “38 %”."),
    )
    label = blocks.CharBlock(
        label=_("What it counts"),
        max_length=200,
        help_text=_("e.g. “households housed since 2020”."),
    )
    source = blocks.CharBlock(
        label=_("Source"),
        required=False,
        max_length=255,
        help_text=_("Where the figure comes from, e.g. “City housing report, 2024”."),
    )

    class Meta:
        icon = "snippet"
        label = _("Key figure")
        description = _("One number and what it counts.")
        template = "blocks/key_figure_block.html"
        preview_value = {"figure": "100", "label": "local and regional governments"}


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        description = _("A few numbers side by side, each with what it counts.")
        preview_value = [
            {"figure": "12,000", "label": "households housed since 2020"},
            {"figure": "38 %", "label": "of the budget decided with residents"},
        ]


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube, Vimeo…) with a caption."""

    video = EmbedBlock(
        label=_("Video address"),
        max_width=960,
        help_text=_("The address of the video's page, e.g. https://www.youtube.com/watch?v=…"),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=255,
        help_text=_("Shown under the video, e.g. “The mayor presents the housing plan, 2025”."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("A video from YouTube or Vimeo, shown in the page.")
        # A real embed would be fetched from the video site: the menu shows a still instead.
        preview_template = "blocks/previews/video_block.html"
        preview_value = {"caption": "A caption under the video"}


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, such as a local human rights plan."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Defaults to the document's title, e.g. “Local human rights plan (PDF)”."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"
        description = _("A file to download, such as a local human rights plan.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        return self.normalize({"document": newest(get_document_model), "title": ""})


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another website."""

    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(
        label=_("Or another website"),
        required=False,
        help_text=_("A full address, e.g. https://www.barcelona.cat/"),
    )
    text = blocks.CharBlock(
        label=_("Link text"),
        max_length=255,
        help_text=_("Say where the link leads, e.g. “Read the housing plan”, not “click here”."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link_block.html"
        description = _("A link to a page of this site or to another website.")
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

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=200, help_text=_("e.g. “Join the fourth wave”.")
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        help_text=_("One or two sentences: why, and what happens next."),
    )
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("A short invitation with one button, e.g. to join the campaign.")
        preview_value = {
            "heading": "Join the fourth wave",
            "text": "Local and regional governments can apply online.",
            "link": {"url": "https://uclg-cisdp.org", "text": "Apply now"},
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body may use."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>Our city commits to the Global Charter-Agenda for Human Rights.</p>",
        description=_("Text with headings, lists, links and emphasis."),
    )
    quote = QuoteBlock()
    image = ImageBlock()
    key_figures = KeyFiguresBlock()
    video = VideoBlock()
    document = DocumentBlock()
    link = LinkBlock()
    call_to_action = CallToActionBlock()
