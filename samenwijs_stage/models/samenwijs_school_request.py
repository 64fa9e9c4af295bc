from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .field_rights import field_labels, mail_field_names, refused_fields
from .value_checks import check_exists, check_values_list, ensure_states

ADMIN = "samenwijs_stage.group_admin"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
# What a school may ask: a handful of pupils of secondary school age.
PUPIL_COUNT_MAX = 99
PUPIL_AGE = (10, 30)
# Once forwarded, the request is what the managers decided on: only the
# note, the locations (to forward it to more locations) and the pupils named
# on the answers change.
FORWARDED_FIELDS = {"note", "location_ids", "line_ids"}


class SamenwijsSchoolRequest(models.Model):
    """A school's request for snuffel- or maatschappelijke stages (RS-6,
    RS-7).

    The praktijkopleider records the request (school, type, dates, number and
    age of the pupils) and forwards it to the managers of the chosen
    locations: one line per location, and a task for its manager. Each
    manager accepts (with the number of places) or declines for their own
    location only.

    Internships follow only from accepted lines. The pupils are not
    employees of the organisation when the school asks; HR registers the
    pupils who come as employees of type trainee or student (the
    praktijkopleider does not create employees). The praktijkopleider then
    names them on the accepted line, at most as many as the manager
    accepted, and ``action_create_internships`` makes one internship per
    named pupil at that location for the dates of the request. Running it
    again makes only the internships that are still missing; declined and
    pending lines make nothing.
    """

    _name = "samenwijs.school.request"
    _description = "School request for snuffel- or maatschappelijke stages"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    school_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        index=True,
        domain="[('is_company', '=', True)]",
    )
    internship_type_id = fields.Many2one(
        "samenwijs.internship.type",
        string="Type",
        required=True,
        tracking=True,
        domain="[('care_tasks', '=', False)]",
        help="A snuffelstage or maatschappelijke stage: a block internship "
        "without care tasks (RS-6).",
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    pupil_count = fields.Integer(
        string="Number of pupils", required=True, default=1, tracking=True
    )
    pupil_age = fields.Integer(string="Age of the pupils", tracking=True)
    note = fields.Text()
    praktijkopleider_id = fields.Many2one(
        "hr.employee",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_praktijkopleider', '=', True)]",
        default=lambda self: self.env.user.employee_id.filtered("is_praktijkopleider"),
        help="The praktijkopleider who requested and forwards the places (RS-7).",
    )
    location_ids = fields.Many2many(
        "hr.department",
        "samenwijs_school_request_location_rel",
        "request_id",
        "department_id",
        string="Locations",
        check_company=True,
        help="The locations whose managers are asked for room.",
    )
    line_ids = fields.One2many(
        "samenwijs.school.request.line", "request_id", string="Answers"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("forwarded", "Forwarded"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    places_accepted = fields.Integer(compute="_compute_answers")
    pending_count = fields.Integer(compute="_compute_answers")
    internship_count = fields.Integer(compute="_compute_answers")
    can_manage = fields.Boolean(compute="_compute_can_manage")

    _dates_ordered = models.Constraint(
        "CHECK (date_to >= date_from)",
        "The end date of a request cannot be before its start date.",
    )
    _pupil_count_positive = models.Constraint(
        "CHECK (pupil_count >= 1)", "A request is for at least one pupil."
    )

    @api.depends("school_id", "internship_type_id", "date_from")
    def _compute_display_name(self):
        for request in self:
            request.display_name = " - ".join(
                part
                for part in (
                    request.school_id.name,
                    request.internship_type_id.name,
                    request.date_from and format_date(self.env, request.date_from),
                )
                if part
            )

    @api.depends(
        "line_ids.state", "line_ids.places_accepted", "line_ids.internship_ids"
    )
    def _compute_answers(self):
        for request in self:
            accepted = request.line_ids.filtered(lambda line: line.state == "accepted")
            request.places_accepted = sum(accepted.mapped("places_accepted"))
            request.pending_count = len(
                request.line_ids.filtered(lambda line: line.state == "pending")
            )
            request.internship_count = len(request.line_ids.internship_ids)

    @api.depends_context("uid")
    def _compute_can_manage(self):
        may = self.env.user.has_group(PRAKTIJKOPLEIDER)
        for request in self:
            request.can_manage = may

    @api.constrains("internship_type_id")
    def _check_internship_type(self):
        for request in self:
            # RS-6: only block internships without care tasks.
            if request.internship_type_id.care_tasks:
                raise ValidationError(
                    self.env._(
                        "%(type)s has care tasks: a school request is for "
                        "snuffelstages or maatschappelijke stages, block "
                        "internships without care tasks.",
                        type=request.internship_type_id.name,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for request in self:
            if request.date_to < request.date_from:
                raise ValidationError(
                    self.env._(
                        "The end date of a request cannot be before its start date."
                    )
                )

    @api.constrains("school_id")
    def _check_school(self):
        for request in self:
            if not request.school_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a school: choose a company.",
                        name=request.school_id.name,
                    )
                )

    @api.model
    def _value_bounds(self):
        return {
            "pupil_count": (1, PUPIL_COUNT_MAX),
            "pupil_age": PUPIL_AGE,
        }

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager_role()
        for vals in vals_list:
            self._check_field_rights(vals, creating=True)
        self._check_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_field_rights(vals)
        self._check_values([vals])
        if not self.env.su and set(vals) - FORWARDED_FIELDS:
            ensure_states(self, {"draft"}, self.env._("Changing the request"))
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(request.state == "forwarded" for request in self):
            raise UserError(
                self.env._("A forwarded request cannot be deleted: cancel it instead.")
            )

    def _check_values(self, vals_list):
        check_values_list(self, vals_list, self._value_bounds())
        for vals in vals_list:
            if (
                vals.get("date_from")
                and vals.get("date_to")
                and fields.Date.to_date(vals["date_to"])
                < fields.Date.to_date(vals["date_from"])
            ):
                raise ValidationError(
                    self.env._(
                        "The end date of a request cannot be before its start date."
                    )
                )

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _check_manager_role(self):
        if not (self.env.su or self.env.user.has_group(PRAKTIJKOPLEIDER)):
            raise AccessError(
                self.env._(
                    "Only a praktijkopleider records and forwards school requests."
                )
            )

    @api.model
    def _role_writable_fields(self):
        """Deny by default: the fields a role may write. The status and the
        computed figures are on no list; the answers are lines of their
        own."""
        fields_po = {
            "company_id",
            "school_id",
            "internship_type_id",
            "date_from",
            "date_to",
            "pupil_count",
            "pupil_age",
            "note",
            "praktijkopleider_id",
            "location_ids",
            # The answers check their own fields: the praktijkopleider names
            # the pupils of accepted locations from the request's form.
            "line_ids",
        }
        return {PRAKTIJKOPLEIDER: fields_po, ADMIN: fields_po}

    @api.model
    def _check_field_rights(self, vals, creating=False):
        blocked = refused_fields(
            self.env, vals, self._role_writable_fields(), mail_field_names(self.env)
        )
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of a school request.",
                    fields=field_labels(self, blocked),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_action_rights(self):
        check_exists(self)
        self._check_manager_role()
        self.check_access("write")

    def action_forward(self):
        """RS-7: ask the manager of each chosen location for room; locations
        asked before are not asked again."""
        self._check_action_rights()
        ensure_states(self, {"draft", "forwarded"}, self.env._("Forwarding"))
        for request in self:
            if not request.location_ids:
                raise UserError(
                    self.env._(
                        "Choose the locations to forward request %(name)s to.",
                        name=request.display_name,
                    )
                )
            without_manager = request.location_ids.filtered(
                lambda location: not location.manager_id.user_id
            )
            if without_manager:
                raise UserError(
                    self.env._(
                        "%(locations)s has no manager with a user to decide on "
                        "the request.",
                        locations=", ".join(without_manager.mapped("name")),
                    )
                )
        new_lines = []
        for request in self:
            asked = request.line_ids.location_id
            new_lines += [
                {"request_id": request.id, "location_id": location.id}
                for location in request.location_ids - asked
            ]
        # The lines schedule the managers' tasks when they are made.
        self.env["samenwijs.school.request.line"].create(new_lines)
        # sudo: the status is on no role's list; the checks above passed.
        self.filtered(lambda r: r.state == "draft").sudo().write({"state": "forwarded"})
        return True

    def action_cancel(self):
        self._check_action_rights()
        ensure_states(self, {"draft", "forwarded"}, self.env._("Cancelling"))
        # sudo: the managers' tasks are moot; they belong to the requests
        # whose write access was checked above.
        self.sudo().activity_unlink(
            ["samenwijs_stage.mail_activity_type_school_request"]
        )
        # sudo: the status is on no role's list; the checks above passed.
        self.sudo().write({"state": "cancelled"})
        return True

    def action_create_internships(self):
        """RS-7: one internship per pupil named on an accepted line, at that
        line's location for the dates of the request. Only what is missing
        is made; declined and pending lines make nothing."""
        self._check_action_rights()
        ensure_states(self, {"forwarded"}, self.env._("Creating internships"))
        lines = self.line_ids.filtered(lambda line: line.state == "accepted")
        if not lines.employee_ids:
            raise UserError(
                self.env._(
                    "Name the pupils on the accepted locations first: HR "
                    "registers them as employees of type trainee or student."
                )
            )
        Internship = self.env["samenwijs.internship"]
        values, targets = [], []
        for line in lines:
            request = line.request_id
            done = line.internship_ids.employee_id
            for employee in line.employee_ids - done:
                values.append(
                    {
                        "employee_id": employee.id,
                        "internship_type_id": request.internship_type_id.id,
                        "school_id": request.school_id.id,
                        "company_id": request.company_id.id,
                        "department_id": line.location_id.id,
                        "date_start": request.date_from,
                        "date_end": request.date_to,
                    }
                )
                targets.append(line)
        # Made as the praktijkopleider: the internship's own rules decide
        # whether the location is theirs.
        internships = Internship.create(values)
        for line, internship in zip(targets, internships, strict=True):
            # sudo: the link is on no role's list; the internship was just
            # made by this user.
            line.sudo().internship_ids = [Command.link(internship.id)]
        if len(self) == 1:
            return self.action_view_internships()
        return True

    def action_view_internships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_action"
        )
        action["domain"] = [("id", "in", self.line_ids.internship_ids.ids)]
        action["context"] = {}
        return action
