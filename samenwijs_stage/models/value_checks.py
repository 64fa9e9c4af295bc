"""Sane values: what the models of this addon refuse before anything is
stored, with a sentence a user understands instead of a database or Python
error (dates in year 1 or 9999, numbers beyond what a column holds, ids that
do not exist)."""

from datetime import date, datetime

from odoo import fields, models
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tools import format_date

# The dates users enter fall within a sane range; so does the study year.
DATE_FIRST = date(2000, 1, 1)
DATE_LAST = date(2100, 12, 31)
DATETIME_FIRST = datetime.combine(DATE_FIRST, datetime.min.time())
DATETIME_LAST = datetime.combine(DATE_LAST, datetime.max.time().replace(microsecond=0))
STUDY_YEAR_LAST = 6
# What the database holds in an integer column.
INTEGER_FIRST = -(2**31)
INTEGER_LAST = 2**31 - 1

# A working day longer than this has half an hour of break (the planned
# schedule and the hour lines made from it).
BREAK_AFTER_HOURS = 5.5

DEFAULT_BOUNDS = {
    "date": (DATE_FIRST, DATE_LAST),
    "datetime": (DATETIME_FIRST, DATETIME_LAST),
    "integer": (INTEGER_FIRST, INTEGER_LAST),
}


def value_problems(model, values, bounds, existing=None):
    """The sentences that say which of ``values`` cannot be stored.

    ``values`` maps field names to values as written or stored; ``bounds``
    maps field names to the (lowest, highest) value allowed, both included.
    Dates without bounds of their own fall between 2000 and 2100, integers
    within what the database holds; a selection takes one of its options and
    a many2one an id that exists. A value of the wrong kind altogether (text
    for an id, a list for a number) is left to the conversion of the field
    itself."""
    problems = []
    for name, value in values.items():
        field = model._fields.get(name)
        if field is None:
            continue
        problem = _value_problem(model.env, field, value, bounds.get(name), existing)
        if problem:
            problems.append(problem)
    return problems


def check_values(model, values, bounds=None):
    """Refuse ``values`` that cannot be stored (see ``value_problems``)."""
    check_values_list(model, [values], bounds)


def check_values_list(model, vals_list, bounds=None):
    """Refuse the values of a batch that cannot be stored; whether the
    records they refer to exist is read in one query per model."""
    existing = _existing_ids(model, vals_list)
    problems = []
    for values in vals_list:
        problems += value_problems(model, values, bounds or {}, existing)
    if problems:
        raise ValidationError("\n".join(problems))


def _existing_ids(model, vals_list):
    """Per comodel, the ids among the many2one values that exist."""
    wanted = {}
    for values in vals_list:
        for name, value in values.items():
            field = model._fields.get(name)
            if (
                field is not None
                and field.type == "many2one"
                and isinstance(value, int)
                and not isinstance(value, bool)
            ):
                wanted.setdefault(field.comodel_name, set()).add(value)
    # sudo: only whether the records exist is said.
    return {
        comodel: set(model.env[comodel].sudo().browse(ids).exists().ids)
        for comodel, ids in wanted.items()
    }


def _value_problem(env, field, value, bounds, existing=None):
    label = field.get_description(env)["string"]
    if value is None or value is False:
        if field.required and field.type != "boolean":
            return env._("%(field)s is required.", field=label)
        return False
    if field.type == "selection":
        return _selection_problem(env, field, label, value)
    if field.type == "many2one":
        return _many2one_problem(env, field, label, value, existing)
    bounds = bounds or DEFAULT_BOUNDS.get(field.type)
    if not bounds:
        return False
    return _range_problem(env, field, label, value, bounds)


def _selection_problem(env, field, label, value):
    options = field.get_values(env)
    if value in options:
        return False
    return env._(
        "%(field)s cannot be %(value)r; choose one of: %(options)s.",
        field=label,
        value=value,
        options=", ".join(options),
    )


def _many2one_problem(env, field, label, value, existing=None):
    if isinstance(value, models.BaseModel):
        return False
    if not isinstance(value, int) or isinstance(value, bool):
        return env._(
            "%(field)s must refer to a record, not %(value)r.", field=label, value=value
        )
    if existing is not None and field.comodel_name in existing:
        found = value in existing[field.comodel_name]
    else:
        # sudo: only whether the record exists is said.
        found = bool(env[field.comodel_name].sudo().browse(value).exists())
    if not found:
        return env._(
            "%(field)s refers to a record that does not exist (%(id)s).",
            field=label,
            id=value,
        )
    return False


def _range_problem(env, field, label, value, bounds):
    lowest, highest = bounds
    fmt = format_date
    try:
        if field.type == "date":
            value = fields.Date.to_date(value)
        elif field.type == "datetime":
            value = fields.Datetime.to_datetime(value)
            if not isinstance(lowest, datetime):
                value = value.date()
        else:
            value = float(value)
            fmt = _format_number
    except (TypeError, ValueError, OverflowError):
        return env._("%(field)s has a value that is not valid.", field=label)
    # Written this way round, "not a number" falls outside as well.
    if lowest <= value <= highest:
        return False
    return env._(
        "%(field)s must be between %(lowest)s and %(highest)s, not %(value)s.",
        field=label,
        lowest=fmt(env, lowest),
        highest=fmt(env, highest),
        value=fmt(env, value),
    )


def _format_number(_env, number):
    return f"{number:g}"


def check_exists(records):
    """Refuse ids that do not exist (any more) with a sentence that says so,
    instead of doing nothing on them."""
    missing = records - records.exists()
    if missing:
        raise MissingError(
            records.env._(
                "%(model)s %(ids)s does not exist (any more): it may have been "
                "deleted by someone else. Reload the page.",
                model=records.env["ir.model"]._get(records._name).name,
                ids=", ".join(str(i) for i in missing._ids),
            )
        )


def ensure_states(records, states, action):
    """Refuse ``action`` (a translated verb phrase, e.g. "Placing") for the
    records whose ``state`` is not one of ``states``, naming them and the
    state of the first."""
    wrong = records.filtered(lambda r: r.state not in states)
    if wrong:
        labels = dict(records._fields["state"]._description_selection(records.env))
        raise UserError(
            records.env._(
                "%(action)s is not possible for %(names)s (%(state)s).",
                action=action,
                names=", ".join(wrong[:10].mapped("display_name")),
                state=labels[wrong[0].state],
            )
        )


def format_time(value):
    """08:30 for 8.5 (hours as a float, as the float_time widget shows them)."""
    minutes = round((value or 0.0) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
