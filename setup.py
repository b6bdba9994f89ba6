"""Builds kpss's one compiled module; everything else about the package is in pyproject.toml.

``kpss.registry._xmlwalk`` (Cython, against lxml's public C API) turns parsed ``<polozka>``
elements of the register's XML rendition into item dicts several times faster than Python
can. It is optional: if it cannot be compiled (no C compiler, no Python headers), the build
says so and goes on, and kpss uses the Python implementation, which returns the same values.
"""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """``build_ext`` that reports a failed compilation instead of failing the install."""

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # compiler missing or failing: fall back to pure Python
            print(
                f"WARNING: kpss: the optional module {ext.name} was not built ({exc}); "
                "kpss will read the XML rendition in pure Python (same results, slower)."
            )


setup(
    ext_modules=cythonize(
        [
            Extension(
                "kpss.registry._xmlwalk",
                ["src/kpss/registry/_xmlwalk.pyx"],
                include_dirs=lxml.get_include(),
            )
        ],
        compiler_directives={"language_level": "3"},
    ),
    cmdclass={"build_ext": OptionalBuildExt},
)
