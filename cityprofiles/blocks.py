"""Blocks of a member's human-rights vision.

The vision answers the campaign's three questions (those of the application form and the
invitation letter), then may say more with the blocks every page body has. Each question is
a block type of its own rather than one "answer" block with a question to pick: an editor can
then neither answer the same question twice nor see a code in place of the question, and the
question is shown in the visitor's language from the interface catalogue, never re-typed.
"""

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.compare import RichTextBlockComparison
from wagtail.blocks.stream_block import StreamBlockValidationError

from home.blocks import BaseStreamBlock

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CampaignAnswerBlock(blocks.RichTextBlock):
    """A member's answer to one campaign question, given as ``question`` (shown as the
    answer's heading) when the block is declared."""

    def __init__(self, question, **kwargs):
        kwargs.setdefault("features", ANSWER_FEATURES)
        kwargs.setdefault("description", question)
        super().__init__(question=question, **kwargs)

    class Meta:
        icon = "help"
        template = "cityprofiles/blocks/campaign_answer_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["question"] = self.meta.question
        return context

    def get_comparison_class(self):
        return AnswerComparison


class AnswerComparison(RichTextBlockComparison):
    """Wagtail's comparison of two versions shows a rich text block's text alone; an answer
    is shown under its question, as a struct's fields are."""

    def htmlvalue(self, val):
        return format_html(
            "<dl><dt>{}</dt><dd>{}</dd></dl>", self.block.label, super().htmlvalue(val)
        )

    def htmldiff(self):
        return format_html("<dl><dt>{}</dt><dd>{}</dd></dl>", self.block.label, super().htmldiff())


# The campaign's questions, in its order (also the order of the public profile); the join
# form asks the same (joining/forms.py).
QUESTIONS = {
    "why_essential": _(
        "Why are local and regional governments essential for promoting, fulfilling and "
        "respecting human rights?"
    ),
    "why_framework": _(
        "Why are human rights relevant values and a useful framework for guiding local action?"
    ),
    "expectations": _("What do you expect from the campaign?"),
}
CAMPAIGN_QUESTIONS = {
    "why_essential": CampaignAnswerBlock(
        QUESTIONS["why_essential"],
        label=_("Answer: why local governments are essential"),
        help_text=_(
            "A few sentences in your own words, e.g. “Our city council runs the services "
            "people rely on every day: housing, water, schools…”"
        ),
        preview_value=(
            "<p>Local governments are closest to people's daily lives: they run the services "
            "through which rights are lived.</p>"
        ),
    ),
    "why_framework": CampaignAnswerBlock(
        QUESTIONS["why_framework"],
        label=_("Answer: why human rights guide local action"),
        help_text=_(
            "e.g. “Human rights give our policies a common language with residents and a "
            "yardstick to measure them against.”"
        ),
        preview_value=(
            "<p>Human rights give our policies a shared language and a yardstick everyone "
            "can hold us to.</p>"
        ),
    ),
    "expectations": CampaignAnswerBlock(
        QUESTIONS["expectations"],
        label=_("Answer: what you expect from the campaign"),
        help_text=_(
            "e.g. “To learn from other cities' housing policies and to share our "
            "rights-based budgeting.”"
        ),
        preview_value="<p>To learn from peers and share what worked for us.</p>",
    ),
}
QUESTION_ORDER = list(CAMPAIGN_QUESTIONS)


class VisionStreamBlock(BaseStreamBlock):
    """The vision: each campaign question answered at most once, in the campaign's order,
    among any other blocks."""

    why_essential = CAMPAIGN_QUESTIONS["why_essential"]
    why_framework = CAMPAIGN_QUESTIONS["why_framework"]
    expectations = CAMPAIGN_QUESTIONS["expectations"]

    class Meta:
        block_counts = {name: {"max_num": 1} for name in QUESTION_ORDER}

    def grouped_child_blocks(self):
        # The block menu: the questions first, under their own heading, then the rest under
        # another (a group's heading would otherwise seem to cover every block).
        questions = [self.child_blocks[name] for name in QUESTION_ORDER]
        others = [block for name, block in self.child_blocks.items() if name not in QUESTIONS]
        return [(_("The campaign's questions"), questions), (_("More about your vision"), others)]

    def clean(self, value):
        cleaned = super().clean(value)
        answered = [child.block_type for child in cleaned if child.block_type in CAMPAIGN_QUESTIONS]
        if answered != sorted(answered, key=QUESTION_ORDER.index):
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _(
                            "Put the answers in the campaign's order: %(order)s. Move a block "
                            "with its ↑ ↓ buttons."
                        )
                        % {
                            "order": "; ".join(
                                str(self.child_blocks[name].label) for name in QUESTION_ORDER
                            )
                        }
                    )
                ]
            )
        return cleaned
