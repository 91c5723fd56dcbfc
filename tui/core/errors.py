"""Errors the user can act on. Their text is one line, shown as-is."""


class RehabError(Exception):
    """Bad input or a refused action: the CLI prints str(err) and exits 1."""


class UnknownActivity(RehabError):
    pass


class TemplateError(RehabError):
    """A template that fails the schema or the semantic checks."""


class PlanError(RehabError):
    pass


class StorageError(RehabError):
    pass
