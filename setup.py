"""Builds the suanli Python package: the extension suanli._suanli through the project's CMake
(target suanli_python, Release, no tests), the pure-Python package from python/suanli/ and the
built-in catalog (data/) copied into the package, so an installed suanli needs no source tree.

Extra CMake arguments: the environment variable CMAKE_ARGS (e.g.
"-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"); parallel jobs: CMAKE_BUILD_PARALLEL_LEVEL.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(suanli VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    """Configures and builds the suanli_python target, then puts the extension where setuptools
    expects it."""

    def build_extension(self, ext):
        build_dir = Path(self.build_temp).resolve() / "cmake"
        configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir),
                     "-DCMAKE_BUILD_TYPE=Release", "-DSUANLI_BUILD_TESTS=OFF",
                     "-DSUANLI_BUILD_BENCH=OFF", "-DSUANLI_BUILD_PYTHON=ON",
                     f"-DPython3_EXECUTABLE={sys.executable}"]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "suanli_python", "-j", jobs],
                       check=True)
        built = sorted((build_dir / "python" / "suanli").glob("_suanli*.so"))
        if not built:
            raise RuntimeError(f"the CMake build did not produce _suanli*.so in {build_dir}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


class BuildPyWithCatalog(build_py):
    """The pure-Python package plus the built-in catalog as suanli/data."""

    def run(self):
        super().run()
        dest = Path(self.build_lib) / "suanli" / "data"
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(ROOT / "data", dest)


setup(
    version=project_version(),
    packages=["suanli"],
    package_dir={"suanli": "python/suanli"},
    package_data={"suanli": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("suanli._suanli", sources=[])],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithCatalog},
    zip_safe=False,
)
