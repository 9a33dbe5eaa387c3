"""Mount-namespace set-up of a sandbox, for sandboxes started without the zygote (as shell
commands run by `unshare ... sh -c`); zygote.py does the same with mount(2) directly.

Folders the sandbox must not see are covered with empty mode-000 tmpfs mounts. A private home
that holds the interpreter (pyenv in /root) is covered with a traversable tmpfs into which the
interpreter, the virtual environment and the runner are mounted back.
"""

from __future__ import annotations

import functools
import os
import shlex
import sys
from pathlib import Path


@functools.cache
def interpreter_exposures(runner_dir: Path) -> tuple[tuple[Path, Path], ...]:
    """(private ancestor, folder to keep) pairs for the code the sandbox user must be able to read.

    Python is often installed under a private home (e.g. pyenv in /root, mode 700): the dropped
    user could then not import a standard module the zygote had not loaded yet. Inside the
    sandbox's mount namespace the private ancestor is covered by an empty tmpfs, which also keeps
    that home's other files out of sight, and only the interpreter, the virtual environment and
    the runner are mounted back into it."""
    keep = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, runner_dir)}
    pairs = []
    for folder in sorted(keep):
        blocked = next((a for a in reversed(folder.parents) if a != Path("/")
                        and not os.stat(a).st_mode & 0o001), None)
        if blocked is not None and not any(folder.is_relative_to(k) and folder != k for k in keep):
            pairs.append((blocked, folder))
    return tuple(pairs)


def _expose_commands(blocked: Path, keep: Path) -> str:
    """Shell version of zygote.expose_inside."""
    b, k = shlex.quote(str(blocked)), shlex.quote(str(keep))
    return (f'stage=$(mktemp -d) && mount --rbind {k} "$stage" && '
            f"(mountpoint -q {b} || mount -t tmpfs -o size=64k,mode=0711 private {b}) && "
            f'mkdir -p {k} && mount --rbind "$stage" {k} && umount -l "$stage" && '
            f'rmdir "$stage" && ')


def shell_mounts(*, exposed, hidden) -> str:
    """`cmd && ` prefixes for `sh -c`: the exposures first, then the hidden folders."""
    commands = "".join(_expose_commands(blocked, keep) for blocked, keep in exposed)
    return commands + "".join(f"mount -t tmpfs -o size=4k,mode=000 hidden {shlex.quote(str(p))} && "
                              for p in hidden)
