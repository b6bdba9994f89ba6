"""Builds kpss's one compiled module; everything else about the package is in pyproject.toml.

``kpss.registry._xmlwalk`` (Cython, against lxml's public C API) turns parsed ``<polozka>``
elements of the register's XML rendition into item dicts several times faster than Python
can. It is optional: if it cannot be compiled, the build goes on and kpss uses the Python
implementation, which returns the same values.
"""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(
                "kpss.registry._xmlwalk",
                ["src/kpss/registry/_xmlwalk.pyx"],
                include_dirs=lxml.get_include(),
                optional=True,
            )
        ],
        compiler_directives={"language_level": "3"},
    )
)
