from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .field_rights import field_labels, refused_fields
from .value_checks import check_exists, check_values_list, ensure_states

ADMIN = "samenwijs_stage.group_admin"
MANAGER = "samenwijs_stage.group_manager"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
REQUEST_ACTIVITY = "samenwijs_stage.mail_activity_type_school_request"


class SamenwijsSchoolRequestLine(models.Model):
    """The answer of one location to a school request (RS-7).

    Made when the praktijkopleider forwards the request: the location's
    manager gets a task, and accepts (with the number of places) or
    declines for that location only. The praktijkopleider names the pupils
    of an accepted line, at most as many as the places accepted, and the
    request makes their internships.
    """

    _name = "samenwijs.school.request.line"
    _description = "School request: answer of a location"
    _order = "request_id, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "samenwijs.school.request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True
    )
    location_id = fields.Many2one(
        "hr.department",
        required=True,
        index=True,
        check_company=True,
    )
    manager_id = fields.Many2one(related="location_id.manager_id", string="Manager")
    state = fields.Selection(
        [
            ("pending", "Waiting for the manager"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    places_accepted = fields.Integer(
        string="Places",
        help="The number of pupils the location takes; at most the number of "
        "pupils of the request.",
    )
    manager_note = fields.Text(string="Manager's note")
    employee_ids = fields.Many2many(
        "hr.employee",
        "samenwijs_school_request_line_employee_rel",
        "line_id",
        "employee_id",
        string="Pupils",
        check_company=True,
        domain="[('is_intern', '=', True)]",
        help="The pupils who come, registered by HR as employees of type "
        "trainee or student: one internship each.",
    )
    internship_ids = fields.Many2many(
        "samenwijs.internship",
        "samenwijs_school_request_line_internship_rel",
        "line_id",
        "internship_id",
        string="Internships",
        readonly=True,
        copy=False,
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    _location_once = models.UniqueIndex(
        "(request_id, location_id)",
        "A request is forwarded to a location only once.",
    )
    _places_positive = models.Constraint(
        "CHECK (places_accepted >= 0)", "The number of places cannot be negative."
    )

    @api.depends("request_id", "location_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.request_id.display_name or ''} ({line.location_id.name or ''})"
            )

    @api.depends_context("uid")
    @api.depends("location_id", "state")
    def _compute_can_decide(self):
        for line in self:
            line.can_decide = line.state == "pending" and line._is_decider()

    @api.constrains("places_accepted", "request_id")
    def _check_places(self):
        for line in self:
            if line.places_accepted > line.request_id.pupil_count:
                raise ValidationError(
                    self.env._(
                        "%(location)s cannot take %(places)s pupils: the school "
                        "asks for %(count)s.",
                        location=line.location_id.name,
                        places=line.places_accepted,
                        count=line.request_id.pupil_count,
                    )
                )

    @api.constrains("employee_ids", "places_accepted", "state")
    def _check_pupils(self):
        for line in self:
            if not line.employee_ids:
                continue
            if line.state != "accepted":
                raise ValidationError(
                    self.env._(
                        "Pupils are named only for a location that accepted "
                        "the request."
                    )
                )
            if len(line.employee_ids) > line.places_accepted:
                raise ValidationError(
                    self.env._(
                        "%(location)s accepted %(places)s pupils, not %(count)s.",
                        location=line.location_id.name,
                        places=line.places_accepted,
                        count=len(line.employee_ids),
                    )
                )
            # sudo: only whether the employees are trainees or students.
            if not all(line.employee_ids.sudo().mapped("is_intern")):
                raise ValidationError(
                    self.env._(
                        "Pupils are registered by HR as employees of type "
                        "trainee or student first."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_field_rights(vals, creating=True)
        check_values_list(self, vals_list, self._value_bounds())
        lines = super().create(vals_list)
        if not self.env.su:
            # The request itself must be the user's to forward.
            lines.request_id.check_access("write")
        lines._schedule_manager_activities()
        return lines

    def write(self, vals):
        self._check_field_rights(vals)
        check_values_list(self, [vals], self._value_bounds())
        if not self.env.su:
            check_exists(self)
            if "places_accepted" in vals:
                ensure_states(self, {"pending"}, self.env._("Changing the places"))
        return super().write(vals)

    def unlink(self):
        check_exists(self)
        if not self.env.su:
            ensure_states(self, {"pending"}, self.env._("Removing the location"))
        self.check_access("unlink")
        self._unlink_manager_activities()
        return super().unlink()

    @api.model
    def _value_bounds(self):
        return {"places_accepted": (0, 99)}

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self, creating=False):
        """Deny by default. The praktijkopleider forwards (makes lines) and
        names the pupils; the manager of the location answers. The status
        changes only through the actions."""
        po = {"employee_ids"} | ({"request_id", "location_id"} if creating else set())
        return {
            MANAGER: {"places_accepted", "manager_note"},
            PRAKTIJKOPLEIDER: po,
            ADMIN: po | {"places_accepted", "manager_note"},
        }

    @api.model
    def _check_field_rights(self, vals, creating=False):
        if self.env.su:
            return
        blocked = refused_fields(self.env, vals, self._role_writable_fields(creating))
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of the answer to a school request.",
                    fields=field_labels(self, blocked),
                )
            )
        if not creating and vals.keys() & {"places_accepted", "manager_note"}:
            for line in self:
                line._check_decider()

    def _is_decider(self):
        """The manager of the location (or of a department above it), or an
        internship administrator."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group(ADMIN):
            return True
        # sudo: the managers of the location are HR data; only whether the
        # user is one of them is said.
        return user in self.sudo().location_id.samenwijs_manager_user_ids

    def _check_decider(self):
        if not self._is_decider():
            raise AccessError(
                self.env._(
                    "Only the manager of %(location)s decides on the request for "
                    "that location.",
                    location=self.location_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _schedule_manager_activities(self):
        """A task for the manager of each location (RS-7)."""
        for line in self:
            # sudo: the location's manager is HR data, read only to address
            # the task.
            manager_user = line.sudo().location_id.manager_id.user_id
            if not manager_user:
                continue
            # sudo: the task is on the request, which the manager reads
            # through the line of their location; the user forwarding the
            # request may write it (checked in create).
            line.request_id.sudo().activity_schedule(
                REQUEST_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                user_id=manager_user.id,
                summary=self.env._(
                    "Room for %(count)s pupils at %(location)s?",
                    count=line.request_id.pupil_count,
                    location=line.location_id.name,
                ),
            )

    def _unlink_manager_activities(self):
        """Close the location managers' tasks of these lines."""
        for line in self:
            # sudo: as in _schedule_manager_activities.
            manager_user = line.sudo().location_id.manager_id.user_id
            if manager_user:
                # sudo: the task is the manager's, on a request the user may
                # change; it is moot now that the line is answered or gone.
                line.request_id.sudo().activity_unlink(
                    [REQUEST_ACTIVITY], user_id=manager_user.id
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_decision(self, action):
        check_exists(self)
        self.check_access("write")
        ensure_states(self, {"pending"}, action)
        for line in self:
            line._check_decider()
            if line.request_id.state != "forwarded":
                raise UserError(
                    self.env._(
                        "The request %(name)s is not open for answers.",
                        name=line.request_id.display_name,
                    )
                )

    def action_accept(self):
        """RS-7: the location has room for the places entered (all pupils
        when none are entered)."""
        self._check_decision(self.env._("Accepting"))
        for line in self:
            places = line.places_accepted or line.request_id.pupil_count
            # sudo: the status is on no role's list; the manager's right to
            # decide was checked above.
            line.sudo().write({"state": "accepted", "places_accepted": places})
            # sudo: the manager only reads the request; the note says what
            # they decided, in their name, and nothing from restricted fields.
            line.request_id.sudo().message_post(
                body=self.env._(
                    "%(location)s accepts %(places)s pupils.",
                    location=line.location_id.name,
                    places=places,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._unlink_manager_activities()
        return True

    def action_decline(self):
        """RS-7: the location has no room; nothing is made for it."""
        self._check_decision(self.env._("Declining"))
        # sudo: as in action_accept.
        self.sudo().write({"state": "declined", "places_accepted": 0})
        for line in self:
            # sudo: as in action_accept.
            line.request_id.sudo().message_post(
                body=self.env._(
                    "%(location)s declines the request.",
                    location=line.location_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._unlink_manager_activities()
        return True
