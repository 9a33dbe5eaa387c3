"""The environment variables of the sandbox's processes, built in one place.

Nothing of the judge's environment reaches a sandbox except :data:`PASSED_ENV`. The zygote (which
preloads libraries as root) and each sandbox (which runs the notebook) share the library settings;
a sandbox also gets its private home, temp folder and single-threaded math libraries.
"""

from __future__ import annotations

import os
from pathlib import Path

PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
"""Kept from the judge's environment: wrong BLAS kernels on some CPUs otherwise."""

LIBRARY_SETTINGS = {
    "LANG": "C.UTF-8", "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0", "MPLBACKEND": "Agg",
}
"""Quiet, deterministic TensorFlow on CPU and a headless matplotlib, for zygote and sandbox."""

SINGLE_THREADED = {
    "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",
}


def _passed() -> dict[str, str]:
    return {key: os.environ[key] for key in PASSED_ENV if key in os.environ}


def zygote_environment() -> dict[str, str]:
    """For the fork server: library settings, no home."""
    return {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", **LIBRARY_SETTINGS, **_passed()}


def sandbox_environment(*, workdir: Path) -> dict[str, str]:
    """For one sandbox: its home and temp folder inside its work dir, one thread per library."""
    home = str(Path(workdir) / "home")
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home,
            "TMPDIR": str(Path(workdir) / "tmp"), "KERAS_HOME": f"{home}/.keras",
            "MPLCONFIGDIR": f"{home}/.matplotlib", "IPYTHONDIR": f"{home}/.ipython",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1", **LIBRARY_SETTINGS, **SINGLE_THREADED, **_passed()}
