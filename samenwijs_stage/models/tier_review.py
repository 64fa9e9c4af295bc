from odoo import api, models
from odoo.exceptions import AccessError, UserError

# The models whose approvals only their own actions make and decide: the
# engine lets every internal user create, write and delete any review.
GUARDED_MODELS = ("samenwijs.internship", "samenwijs.contract.proposal")
# What a reviewer writes on their own review when deciding.
DECISION_FIELDS = {"status", "done_by", "reviewed_date", "comment"}


class TierReview(models.Model):
    """Reviews of internships and contract proposals change only through
    the documents' actions (PO-2, RS-5, WB-P6): a review is made when the
    praktijkopleider asks for approval, and only its reviewer approves or
    rejects it. Through the API nobody makes an approved review, approves
    someone else's or deletes one."""

    _inherit = "tier.review"

    def _guarded(self):
        return self.filtered(lambda r: r.model in GUARDED_MODELS)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("model") in GUARDED_MODELS for vals in vals_list
        ):
            raise AccessError(
                self.env._(
                    "Approvals of internships are asked through the internship "
                    "('Ask approvals'), not made directly."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        guarded = self._guarded()
        if guarded and not self.env.su:
            guarded._check_decision_write(vals)
        decided = self.browse()
        if vals.get("status") in ("approved", "rejected"):
            decided = guarded.filtered(lambda r: r.status in ("waiting", "pending"))
        res = super().write(vals)
        for review in decided:
            document = self.env[review.model].browse(review.res_id)
            if hasattr(document, "_log_review_decision"):
                document._log_review_decision(review)
        return res

    def _check_decision_write(self, vals):
        """Anyone's action may move a waiting review on to pending, or cancel
        it (the engine does so when the tier before it is approved or
        rejected); neither approves anything. Deciding, commenting and
        everything else is the reviewer's own, on an open review."""
        others = set(vals) - DECISION_FIELDS
        status_only = set(vals) == {"status"}
        user = self.env.user
        for review in self:
            if status_only and (
                (
                    vals["status"] == "pending"
                    and review.status in ("waiting", "pending")
                )
                or (vals["status"] == "cancel" and review.status == "waiting")
            ):
                continue
            if (
                others
                or user not in review.reviewer_ids
                or review.status not in ("waiting", "pending")
                or vals.get("status", "approved") not in ("approved", "rejected")
                or vals.get("done_by", user.id) != user.id
            ):
                raise AccessError(
                    self.env._(
                        "Only the reviewer decides on '%(tier)s', once, through "
                        "the document's Approve or Reject.",
                        tier=review.name,
                    )
                )
            if (
                vals.get("status") in ("approved", "rejected")
                and review.definition_id.has_comment
                and not (vals.get("comment") or review.comment)
            ):
                raise UserError(
                    self.env._(
                        "Give a reason with your decision on '%(tier)s'.",
                        tier=review.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_through_the_document(self):
        if not self.env.su and self._guarded():
            raise AccessError(
                self.env._(
                    "Approvals of internships are removed by restarting the "
                    "validation on the internship, not directly."
                )
            )
