"""Pure domain types of kpss: no I/O, no serialization, no plugins."""

from kpss.model.actors import (
    Commissioner,
    CommissionerLevel,
    Participant,
    Provider,
    Role,
    is_valid_ico,
    normalize_ico,
)
from kpss.model.catalog import Catalog, ProviderConflictError
from kpss.model.codes import Code, CodeBook, CodeList
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Category, Evidence, Form, LawTable, ServiceKind
from kpss.model.names import fold
from kpss.model.services import (
    Capacity,
    Document,
    Facility,
    FormOfProvision,
    OpeningHours,
    Photo,
    RelatedService,
    Service,
)
from kpss.model.territory import Area, Kraj, Level, Obec, Okres, Orp, Pou, Territory, Unit

__all__ = [
    "Address",
    "Area",
    "Capacity",
    "Catalog",
    "Category",
    "Code",
    "CodeBook",
    "CodeList",
    "Commissioner",
    "CommissionerLevel",
    "Contact",
    "ContactKind",
    "Document",
    "Evidence",
    "Facility",
    "Form",
    "FormOfProvision",
    "Kraj",
    "LawTable",
    "Level",
    "Obec",
    "Okres",
    "OpeningHours",
    "Orp",
    "Participant",
    "Photo",
    "Pou",
    "Provider",
    "ProviderConflictError",
    "RelatedService",
    "Role",
    "Service",
    "ServiceKind",
    "Territory",
    "Unit",
    "fold",
    "is_valid_ico",
    "normalize_ico",
]
