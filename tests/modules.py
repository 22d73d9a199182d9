"""What importing some modules loads, read in a fresh interpreter (this one has imported
everything the tests use)."""

from __future__ import annotations

import os
import subprocess
import sys


def loaded_by(modules: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` that `import <modules>` loads."""
    code = (
        f"import sys, {modules}; "
        f"print('\\n'.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()
