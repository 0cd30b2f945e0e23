"""The democracy app's pages: the constitution, the members register and a resident's own
membership, and the committee."""

from django.core.exceptions import ValidationError


def add_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: against its field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
