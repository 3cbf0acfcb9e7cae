"""Blocks of a member's human-rights vision."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BaseStreamBlock

CAMPAIGN_QUESTIONS = [
    (
        "why-essential",
        _(
            "Why are local and regional governments essential for promoting, fulfilling and "
            "respecting human rights?"
        ),
    ),
    (
        "why-framework",
        _("Why are human rights relevant values and a useful framework for guiding local action?"),
    ),
    ("expectations", _("What do you expect from the campaign?")),
]


class CampaignAnswerBlock(blocks.StructBlock):
    """A member's answer to one of the campaign's questions.

    The question is a choice, not text, so it is shown in the visitor's
    language from the interface catalogue and never re-typed by editors."""

    question = blocks.ChoiceBlock(choices=CAMPAIGN_QUESTIONS, label=_("Question"))
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Answer to a campaign question")
        template = "cityprofiles/blocks/campaign_answer_block.html"
        preview_value = {
            "question": "why-essential",
            "answer": "<p>Local governments are closest to people's daily lives.</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["question"] = dict(CAMPAIGN_QUESTIONS).get(value["question"], "")
        return context


class VisionStreamBlock(BaseStreamBlock):
    answer = CampaignAnswerBlock()
