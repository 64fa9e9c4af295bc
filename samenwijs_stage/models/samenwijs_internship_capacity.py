import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .field_rights import field_labels, refused_fields
from .value_checks import DATE_FIRST, DATE_LAST, check_exists, check_values

ADMIN = "samenwijs_stage.group_admin"
MANAGER = "samenwijs_stage.group_manager"
PRAKTIJKOPLEIDER = "samenwijs_stage.group_praktijkopleider"
# The internships a place is taken by, and those still applying for one.
PLACED_STATES = ("placed", "running", "done")
APPLICATION_STATES = ("application",)
# No location of a childcare organisation comes near this many places.
PLACES_LAST = 999
SCHOOL_YEAR_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")


def school_year_of(day):
    """The school year of ``day``: "2026-2027" from 1 August 2026 up to and
    including 31 July 2027."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


class SamenwijsInternshipCapacity(models.Model):
    """RS-1: the internship places of a location for one school year and one
    internship type, set by the location's manager in March.

    Shown per row: the places, the applications, the placed internships
    (placed, running or finished) and the places still open. Placing an
    internship beyond the places is refused unless the praktijkopleider
    overrides it (PO-2, ``samenwijs_internship_placement``).

    Who: the location manager keeps the places of their own locations, the
    praktijkopleider those of the region, the internship administrator all
    of them. Interns, werkbegeleiders and payroll have no business with the
    planning of places and see none. Each role writes only the fields of
    ``_role_writable_fields`` (deny by default): the counts are computed.
    """

    _name = "samenwijs.internship.capacity"
    _description = "Internship places"
    _inherit = ["mail.thread"]
    _order = "school_year desc, department_id, internship_type_id, id"
    _check_company_auto = True

    school_year = fields.Char(
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self._default_school_year(),
        help="The school year of the places, e.g. 2026-2027: from 1 August "
        "2026 to 31 July 2027.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Location",
        required=True,
        tracking=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    internship_type_id = fields.Many2one(
        "samenwijs.internship.type",
        string="Type",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    places = fields.Integer(
        tracking=True,
        help="The number of interns of this type the location takes in this "
        "school year (RS-1).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    allowed_department_ids = fields.Many2many(
        "hr.department",
        compute="_compute_allowed_department_ids",
        help="The locations whose places the user keeps.",
    )

    # The counts of the location, type and school year (constant number of
    # queries for a list: one grouped read of the internships).
    application_count = fields.Integer(string="Applications", compute="_compute_counts")
    placed_count = fields.Integer(string="Placed", compute="_compute_counts")
    open_places = fields.Integer(
        string="Open",
        compute="_compute_counts",
        help="The places minus the placed internships (never below 0).",
    )

    # The staffing limit of the CAO Kinderopvang: a warning, not a block.
    location_places = fields.Integer(
        string="Places with care tasks at the location",
        compute="_compute_staffing",
        help="All places of the location in this school year for internship "
        "types with care tasks: those interns count towards the staffing.",
    )
    professional_count = fields.Integer(
        string="Professionals at the location",
        compute="_compute_staffing",
        help="Active employees of the location (and its departments) who are "
        "not interns.",
    )
    staffing_warning = fields.Text(compute="_compute_staffing")

    _places_positive = models.Constraint(
        "CHECK (places >= 0)", "The number of places cannot be negative."
    )
    _combination_unique = models.Constraint(
        "unique (school_year, department_id, internship_type_id)",
        "There are already places for this location, type and school year.",
    )

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    @api.model
    def _default_school_year(self):
        """The coming school year: in March (RS-1) the manager sets the
        places of the school year that starts in August."""
        today = fields.Date.context_today(self)
        first = today.year if today.month < 8 else today.year + 1
        return f"{first}-{first + 1}"

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("school_year", "department_id", "internship_type_id")
    def _compute_display_name(self):
        for capacity in self:
            capacity.display_name = " · ".join(
                part
                for part in (
                    capacity.school_year,
                    capacity.department_id.display_name,
                    capacity.internship_type_id.display_name,
                )
                if part
            )

    @api.depends_context("uid")
    def _compute_allowed_department_ids(self):
        departments = self._allowed_departments().with_env(self.env)
        for capacity in self:
            capacity.allowed_department_ids = departments

    @api.model
    def _allowed_departments(self):
        """The locations the record rules let the user keep places for: the
        ones they manage (and the departments under them), those of their
        region, all of the user's companies for the administrator."""
        user = self.env.user
        if user.has_group(ADMIN):
            domain = [("company_id", "in", [*self.env.companies.ids, False])]
        else:
            domain = [("samenwijs_manager_user_ids", "in", user.ids)]
            if user.has_group(PRAKTIJKOPLEIDER):
                domain = ["|", ("praktijkopleider_id.user_id", "=", user.id), *domain]
        # sudo: the managers of a department are HR data; only the
        # departments of the user's own rules are returned.
        return self.env["hr.department"].sudo().search(domain)

    @api.depends("places", "school_year", "department_id", "internship_type_id")
    def _compute_counts(self):
        """One grouped read of the internships for all rows."""
        counts = self._internship_counts()
        for capacity in self:
            key = capacity._key()
            applications = sum(counts.get((*key, s), 0) for s in APPLICATION_STATES)
            placed = sum(counts.get((*key, s), 0) for s in PLACED_STATES)
            capacity.application_count = applications
            capacity.placed_count = placed
            capacity.open_places = max(capacity.places - placed, 0)

    def _internship_counts(self):
        """{(school year, location id, type id, state): number of
        internships} for the rows of ``self``."""
        rows = self.filtered(
            lambda c: c.school_year and c.department_id and c.internship_type_id
        )
        if not rows:
            return {}
        # sudo: only the numbers of internships are said, for rows the user
        # has read; the rows' rules give the same locations as the
        # internships' rules.
        groups = (
            self.env["samenwijs.internship"]
            .sudo()
            ._read_group(
                [
                    ("school_year", "in", list(set(rows.mapped("school_year")))),
                    ("department_id", "in", rows.department_id._origin.ids),
                    ("internship_type_id", "in", rows.internship_type_id._origin.ids),
                    ("state", "in", APPLICATION_STATES + PLACED_STATES),
                ],
                ["school_year", "department_id", "internship_type_id", "state"],
                ["__count"],
            )
        )
        return {
            (year, department.id, itype.id, state): count
            for year, department, itype, state, count in groups
        }

    @api.depends(
        "places",
        "school_year",
        "department_id",
        "internship_type_id",
        "company_id.samenwijs_intern_staff_share",
    )
    def _compute_staffing(self):
        """The care-task places of each row's location and school year
        against the configured share of its professionals (one grouped read
        of the places, one of the employees)."""
        places = self._location_places()
        staff = self._professional_counts()
        for capacity in self:
            department = capacity.department_id._origin
            total = places.get((capacity.school_year, department.id), 0)
            # On the form the row's own places may not be stored yet: the
            # stored ones are replaced by those on screen.
            origin = capacity._origin
            if (
                origin
                and origin.internship_type_id.care_tasks
                and (origin.school_year, origin.department_id.id)
                == (capacity.school_year, department.id)
            ):
                total -= origin.places
            if capacity.internship_type_id.care_tasks:
                total += capacity.places
            professionals = staff.get(department.id, 0)
            capacity.location_places = total
            capacity.professional_count = professionals
            capacity.staffing_warning = capacity._staffing_warning(total, professionals)

    def _location_places(self):
        """{(school year, location id): places of care-task types}."""
        rows = self.filtered(lambda c: c.school_year and c.department_id)
        if not rows:
            return {}
        # sudo: the total of the places of the rows' own locations; another
        # role's rights may hide none of those rows from this sum.
        groups = self.sudo()._read_group(
            [
                ("school_year", "in", list(set(rows.mapped("school_year")))),
                ("department_id", "in", rows.department_id._origin.ids),
                ("internship_type_id.care_tasks", "=", True),
            ],
            ["school_year", "department_id"],
            ["places:sum"],
        )
        return {(year, department.id): total for year, department, total in groups}

    def _professional_counts(self):
        """{location id: active employees of the location and its
        departments who are not interns}."""
        locations = self.department_id._origin
        if not locations:
            return {}
        # sudo: only the number of employees of the rows' locations is said;
        # a manager's or praktijkopleider's rights on employees do not
        # decide the headcount.
        groups = (
            self.env["hr.employee"]
            .sudo()
            ._read_group(
                [
                    ("department_id", "child_of", locations.ids),
                    ("is_intern", "=", False),
                ],
                ["department_id"],
                ["__count"],
            )
        )
        counts = defaultdict(int)
        for department, count in groups:
            for location in locations:
                if department.parent_path.startswith(location.parent_path):
                    counts[location.id] += count
        return counts

    def _staffing_warning(self, places, professionals):
        self.ensure_one()
        share = self.company_id.samenwijs_intern_staff_share
        if not places or places * 100 <= professionals * share:
            return False
        return self.env._(
            "%(location)s has %(places)s internship places with care tasks in "
            "%(year)s and %(professionals)s professionals: more than %(share)s "
            "of them (at most %(limit)s). The CAO Kinderopvang counts at most "
            "this share of the professionals as interns for the staffing.",
            location=self.department_id.display_name,
            places=places,
            year=self.school_year,
            professionals=professionals,
            share=f"{share}%",
            limit=professionals * share // 100,
        )

    def _key(self):
        return (
            self.school_year,
            self.department_id._origin.id,
            self.internship_type_id._origin.id,
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("school_year")
    def _check_school_year(self):
        for capacity in self:
            if capacity.school_year != self._parse_school_year(capacity.school_year):
                raise ValidationError(self._school_year_message(capacity.school_year))

    @api.model
    def _parse_school_year(self, value):
        """ "2026-2027" for "2026-2027", "2026/2027" or " 2026 - 2027 ";
        a ValidationError for anything else: two years that follow each
        other, the first between 2000 and 2100."""
        match = isinstance(value, str) and SCHOOL_YEAR_PATTERN.match(value)
        if match:
            first, second = int(match[1]), int(match[2])
            if second == first + 1 and DATE_FIRST.year <= first < DATE_LAST.year:
                return f"{first}-{second}"
        raise ValidationError(self._school_year_message(value))

    @api.model
    def _school_year_message(self, value):
        return self.env._(
            "%(value)r is not a school year: write two years that follow each "
            "other, e.g. 2026-2027 (from 1 August 2026 to 31 July 2027).",
            value=value,
        )

    def _check_combinations_free(self, vals_list):
        """Say which location, type and school year already have places,
        before the database refuses them."""
        if self:
            pairs = [(record, vals_list[0]) for record in self]
        else:
            pairs = [(self.browse(), vals) for vals in vals_list]
        keys = [
            (
                vals.get("school_year", record.school_year),
                vals.get("department_id", record.department_id.id),
                vals.get("internship_type_id", record.internship_type_id.id),
            )
            for record, vals in pairs
        ]
        keys = [key for key in keys if all(key)]
        if not keys:
            return
        seen, duplicates = set(), set()
        for key in keys:
            if key in seen:
                duplicates.add(key)
            seen.add(key)
        # sudo: only whether the combination has places already is said.
        existing = self.sudo().search(
            [
                ("school_year", "in", list({key[0] for key in keys})),
                ("department_id", "in", list({key[1] for key in keys})),
                ("internship_type_id", "in", list({key[2] for key in keys})),
                ("id", "not in", self.ids),
            ]
        )
        duplicates |= {row._key() for row in existing} & seen
        if duplicates:
            year, department, itype = sorted(duplicates)[0]
            raise ValidationError(
                self.env._(
                    "There are already places for %(type)s at %(location)s in "
                    "%(year)s: change the number of places of that row.",
                    type=self.env["samenwijs.internship.type"]
                    .sudo()
                    .browse(itype)
                    .display_name,
                    location=self.env["hr.department"]
                    .sudo()
                    .browse(department)
                    .display_name,
                    year=year,
                )
            )

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    @api.model
    def _role_writable_fields(self):
        """The fields each role may write, by the xml id of the role's group
        (deny by default; the praktijkopleider and the administrator are
        location managers too). Which rows is said by the record rules."""
        return {
            MANAGER: {
                "school_year",
                "department_id",
                "internship_type_id",
                "places",
                "company_id",
            },
        }

    @api.model
    def _check_field_rights(self, field_names):
        blocked = refused_fields(
            self.env,
            field_names,
            self._role_writable_fields(),
            self.env["mail.thread"]._fields,
        )
        if blocked:
            raise AccessError(
                self.env._(
                    "You cannot change %(fields)s of internship places.",
                    fields=field_labels(self, blocked),
                )
            )

    @api.model
    def _check_location_rights(self, vals):
        """RS-1: places only for the user's own locations. The record rules
        say the same on create; a write would otherwise move a row the user
        keeps to a location they do not."""
        if self.env.su or not vals.get("department_id"):
            return
        if vals["department_id"] not in self._allowed_departments().ids:
            raise AccessError(
                self.env._(
                    "You can set internship places only for the locations you "
                    "manage, or as praktijkopleider for those of your region "
                    "(RS-1)."
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _prepare_values(self, vals):
        """Checked and normalised values: refused before anything is
        stored."""
        self._check_field_rights(vals.keys())
        check_values(self, vals, {"places": (0, PLACES_LAST)})
        self._check_location_rights(vals)
        vals = dict(vals)
        if "school_year" in vals:
            vals["school_year"] = self._parse_school_year(vals["school_year"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._prepare_values(vals) for vals in vals_list]
        self._check_combinations_free(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_exists()
        vals = self._prepare_values(vals)
        if {"school_year", "department_id", "internship_type_id"} & vals.keys():
            self._check_combinations_free([vals])
        return super().write(vals)

    def unlink(self):
        self._check_exists()
        return super().unlink()

    def _check_exists(self):
        """Refuse rows that do not exist (any more) with a sentence."""
        check_exists(self)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_internships(self):
        """The pipeline of this row: the internships of its location, type
        and school year, by state."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "samenwijs_stage.samenwijs_internship_action_pipeline"
        )
        action["domain"] = [
            ("school_year", "=", self.school_year),
            ("department_id", "=", self.department_id.id),
            ("internship_type_id", "=", self.internship_type_id.id),
        ]
        action["context"] = {"create": False}
        action["display_name"] = self.display_name
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _placement_limits(self, keys):
        """PO-2: {(school year, location id, type id): places} for ``keys``,
        and the (school year, location id) pairs that have places set at
        all. A location without any places for a school year is not limited
        (its manager has not set them yet); once it has, a type without a
        row has no places."""
        keys = [key for key in keys if all(key)]
        if not keys:
            return {}, set()
        # sudo: the places decide whether an internship the user may place
        # fits; only the numbers are used.
        rows = self.sudo().search(
            [
                ("school_year", "in", list({key[0] for key in keys})),
                ("department_id", "in", list({key[1] for key in keys})),
            ]
        )
        places = {row._key(): row.places for row in rows}
        limited = {(row.school_year, row.department_id.id) for row in rows}
        return places, limited
