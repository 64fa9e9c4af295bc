"""Who may write which fields: deny by default. A model lists the fields
each role may write by the xml id of the role's group; a user may write the
fields of all their roles together, never a computed field."""


def role_fields(env, fields_by_group):
    """The fields the current user may write: the union of the lists of the
    groups they are in."""
    user = env.user
    allowed = set()
    for group, names in fields_by_group.items():
        if user.has_group(group):
            allowed |= set(names)
    return allowed


def refused_fields(env, field_names, fields_by_group, also_allowed=()):
    """Those of ``field_names`` that no role of the current user may write
    (none for the superuser). ``also_allowed`` are written by whoever may
    write the record, such as the chatter's own fields."""
    if env.su:
        return set()
    return set(field_names) - role_fields(env, fields_by_group) - set(also_allowed)


def field_labels(model, names):
    """The labels of ``names`` as the user reads them, sorted and joined; a
    name that is no field is said as it is."""
    return ", ".join(
        sorted(
            model._fields[name].get_description(model.env)["string"]
            if name in model._fields
            else name
            for name in names
        )
    )


def computed_fields(model, names):
    """Those of ``names`` that are computed: nobody writes them."""
    return {
        name for name in names if name in model._fields and model._fields[name].compute
    }


def mail_field_names(env):
    """The chatter, followers and activities: they guard their own access."""
    return env["mail.thread"]._fields.keys() | env["mail.activity.mixin"]._fields.keys()
