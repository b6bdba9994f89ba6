"""kpss: community planning of social services (komunitní plánování sociálních služeb).

Importing kpss loads no plugin and reads no file; reference data loads on first use.
"""

from kpss.errors import (
    AmbiguousNameError,
    ConversionError,
    DataError,
    KpssError,
    NotFoundError,
    PluginError,
    UsageError,
    ValidationError,
)
from kpss.extensions import (
    CatalogueSection,
    Exporter,
    ExportOptions,
    Importer,
    ImportFilter,
    ImportOptions,
    ImportReport,
    ImportResult,
    TemplateDirectory,
)
from kpss.hookspecs import hookimpl
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
    "Form",
    "FormOfProvision",
    "ImportFilter",
    "ImportOptions",
    "ImportReport",
    "ImportResult",
    "Importer",
    "KpssError",
    "NotFoundError",
    "Plan",
    "PluginError",
    "Provider",
    "Role",
    "Service",
    "ServiceKind",
    "TemplateDirectory",
    "Territory",
    "UsageError",
    "ValidationError",
    "__version__",
    "code_book",
    "hookimpl",
    "law",
    "load_plan",
    "save_plan",
    "territory",
    "validate_plan",
]
