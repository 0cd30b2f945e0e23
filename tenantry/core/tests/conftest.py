import importlib.util
from pathlib import Path

import pytest

import tenantry


@pytest.fixture(scope="module")
def bench():
    """The page benchmark (bench/pages.py): its walk of every page of every demo login."""
    path = Path(tenantry.__file__).parent.parent / "bench" / "pages.py"
    spec = importlib.util.spec_from_file_location("bench_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
