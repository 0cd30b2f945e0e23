"""The WSGI application a server runs starts with what it loaded frozen out of collection."""

import subprocess
import sys


def test_the_application_leaves_what_it_loaded_out_of_the_collectors_work():
    script = "import gc, tenantry.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    frozen, tracked = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(frozen) > 100_000  # Django, the apps, the URL patterns and the layout
    assert int(tracked) < int(frozen) / 10
