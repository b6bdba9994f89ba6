"""kpss: community planning of social services (komunitní plánování sociálních služeb).

The front door: :func:`load` reads a register file or a catalogue into a
:class:`Catalog` with its import report; :func:`export` writes a catalogue in a format a
plugin registers. Importing kpss loads no plugin and reads no file; reference data loads
on first use.
"""

from kpss.api import choose_importer, export, load
from kpss.errors import (
    AmbiguousNameError,
    ConversionError,
    DataError,
    Finding,
    KpssError,
    Location,
    NotFoundError,
    PluginError,
    Severity,
    StrictModeError,
    UsageError,
    ValidationError,
)
from kpss.filters import ImportFilter, ResolvedFilter, resolve_filter
from kpss.model import (
    Address,
    Area,
    Catalog,
    Category,
    CodeBook,
    Contact,
    Facility,
    Form,
    FormOfProvision,
    Plan,
    Provider,
    Role,
    Service,
    ServiceKind,
    Territory,
)
from kpss.planning import load_plan, save_plan, validate_plan
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import (
    CatalogueSection,
    Exporter,
    ExportOptions,
    Importer,
    ImportOptions,
    ImportReport,
    ImportResult,
    TemplateDirectory,
)
from kpss.reference import code_book, law, territory

__version__ = "0.1.0"

__all__ = [
    "Address",
    "AmbiguousNameError",
    "Area",
    "Catalog",
    "CatalogueSection",
    "Category",
    "CodeBook",
    "Contact",
    "ConversionError",
    "DataError",
    "ExportOptions",
    "Exporter",
    "Facility",
    "Finding",
    "Form",
    "FormOfProvision",
    "ImportFilter",
    "ImportOptions",
    "ImportReport",
    "ImportResult",
    "Importer",
    "KpssError",
    "Location",
    "NotFoundError",
    "Plan",
    "PluginError",
    "Provider",
    "ResolvedFilter",
    "Role",
    "Service",
    "ServiceKind",
    "Severity",
    "StrictModeError",
    "TemplateDirectory",
    "Territory",
    "UsageError",
    "ValidationError",
    "__version__",
    "choose_importer",
    "code_book",
    "export",
    "hookimpl",
    "law",
    "load",
    "load_plan",
    "resolve_filter",
    "save_plan",
    "territory",
    "validate_plan",
]
