"""What every public output shares: the public view, Czech typography, templates, output.

* :mod:`kpss.publish.view`: :func:`public_view` turns a catalogue into what a citizen may
  see (titles, places with the secret-address rule, contacts with safe links, ways in);
* :mod:`kpss.publish.typography`: non-breaking spaces, Czech sorting, text blocks, dates;
* :mod:`kpss.publish.urls`: what may be linked (http, https, mailto, tel);
* :mod:`kpss.publish.templates`: the Jinja2 environment (autoescape, plugin folders first);
* :mod:`kpss.publish.site` and :mod:`kpss.publish.fragment`: the web catalogue and the
  fragments for a municipal CMS.
"""

from kpss.publish.view import (
    SECRET_ADDRESS,
    Link,
    PublicCatalog,
    PublicContact,
    PublicForm,
    PublicGroup,
    PublicHours,
    PublicKind,
    PublicObec,
    PublicPlace,
    PublicProvider,
    PublicRelated,
    PublicSection,
    PublicService,
    Ref,
    public_view,
)

__all__ = [
    "SECRET_ADDRESS",
    "Link",
    "PublicCatalog",
    "PublicContact",
    "PublicForm",
    "PublicGroup",
    "PublicHours",
    "PublicKind",
    "PublicObec",
    "PublicPlace",
    "PublicProvider",
    "PublicRelated",
    "PublicSection",
    "PublicService",
    "Ref",
    "public_view",
]
