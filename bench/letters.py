"""Survey letters for 1,000 households, asked for through the web and made by a task worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/letters.py [--households 1000] [--homes 3600] [--reuse]
        [--one-document]

Sets up its own database (`tenantry_bench_letters` on the same server: dropped and made afresh
unless --reuse) with the demo (`tenantry demo --homes 3600`: Kingsmead TMO then has over 1,000
households), and a survey of Kingsmead inviting a sample of --households households. Then runs
what a deployment runs: gunicorn with 2 workers and `TASKS_BACKEND=database`, and one `tenantry
db_worker`; signs in as staff@example.org over HTTP, asks for the letters (the households page's
button), follows the file's page until the file is ready, downloads the PDF and counts its pages.

Prints the seconds the request for the letters took, the seconds until the file was ready,
the download's size and pages, and the peak resident memory (VmHWM in /proc/<pid>/status) of
the worker and of each gunicorn process.

With --one-document it also makes the same letters the way they were made before, in one
WeasyPrint document in one process, and prints that process's time and peak memory.
"""

import argparse
import http.cookiejar
import io
import os
import re
import resource
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
TENANTRY = ROOT / ".venv" / "bin" / "tenantry"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATA = Path("/tmp/tenantry_bench_letters")
PORT = int(os.environ.get("BENCH_PORT", "8766"))
SITE = f"http://127.0.0.1:{PORT}"
TITLE = "Bench: letters"


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def environment(url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TENANTRY_DATA_DIR": str(DATA),
        "DJANGO_SETTINGS_MODULE": "tenantry.settings",
        **extra,
    }


def set_up(url: str, *, homes: int, households: int, reuse: bool) -> None:
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (exists and reuse):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
            exists = None
    env = environment(url)
    if not exists:
        started = time.monotonic()
        subprocess.run([str(TENANTRY), "migrate", "--verbosity", "0"], env=env, check=True)
        subprocess.run(
            [str(TENANTRY), "demo", "--homes", str(homes)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"demo of {homes:,} homes in {time.monotonic() - started:.0f}s", file=sys.stderr)
    # A survey of Kingsmead inviting `households` households, none of them answered.
    script = f"""
from tenantry.organisations.models import Organisation
from tenantry.surveys import services
from tenantry.surveys.models import Survey
organisation = Organisation.objects.get(slug="kingsmead-tmo")
Survey.objects.filter(organisation=organisation, title={TITLE!r}).delete()
survey = services.create_survey(organisation=organisation, by=None, title={TITLE!r})
invited = services.invite_households(survey=survey, by=None, sample_size={households}, seed=1)
print(survey.pk, invited)
"""
    made = subprocess.run(
        [str(TENANTRY), "shell", "-c", script], env=env, check=True, capture_output=True, text=True
    )
    survey, invited = made.stdout.split()[-2:]
    print(f"survey {survey}: {int(invited):,} households invited", file=sys.stderr)
    if int(invited) < households:
        sys.exit(f"Kingsmead has only {invited} households: give a larger --homes")
    (DATA / "bench_survey").write_text(survey)


def peak_mb(pid: int) -> float:
    """A process's peak resident memory, in MB (VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


class Browser:
    """Just enough of a browser: cookies, CSRF tokens, forms posted as a person would."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(SITE + path, timeout=120) as response:
            return response.geturl(), response.read().decode()

    def post(self, path: str, data: dict, page: str) -> tuple[str, str]:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(SITE + path, data=body, headers={"Referer": SITE + path})
        with self.opener.open(request, timeout=120) as response:
            return response.geturl(), response.read().decode()

    def download(self, path: str) -> bytes:
        with self.opener.open(SITE + path, timeout=600) as response:
            return response.read()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer")


def through_the_web(url: str, *, limit: float) -> dict:
    env = environment(url, TASKS_BACKEND="database", DEBUG="0")
    survey = (DATA / "bench_survey").read_text()
    subprocess.run(
        [str(TENANTRY), "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True
    )
    # No other queued task (the demo's emails) runs ahead of the letters.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM django_tasks_database_dbtaskresult")
    server = subprocess.Popen(
        [str(GUNICORN), "tenantry.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [str(TENANTRY), "db_worker", "--interval", "0.5"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(SITE + "/accounts/login/")
        browser = Browser()
        _url, page = browser.get("/accounts/login/")
        browser.post(
            "/accounts/login/", {"login": "staff@example.org", "password": "tenantry-demo"}, page
        )
        households = f"/o/kingsmead-tmo/surveys/{survey}/households/"
        _url, page = browser.get(households)
        started = time.monotonic()
        form = {"estate": "", "status": "", "search": ""}
        file_page, html = browser.post(f"/o/kingsmead-tmo/surveys/{survey}/letters/", form, page)
        asked = time.monotonic() - started
        path = urlsplit(file_page).path
        polls = 0
        while "Your file is ready" not in html:
            if "could not be prepared" in html:
                sys.exit("The letters failed: " + re.sub(r"\s+", " ", html)[-600:])
            if time.monotonic() - started > limit:
                sys.exit(f"No file after {limit:.0f}s")
            time.sleep(1)
            _url, html = browser.get(path)
            polls += 1
        ready = time.monotonic() - started
        content = browser.download(path + "download/")
        downloaded = time.monotonic() - started - ready
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(content)).pages)
        return {
            "asked": asked,
            "ready": ready,
            "download": downloaded,
            "polls": polls,
            "pages": pages,
            "mb": len(content) / 1e6,
            "worker_mb": peak_mb(worker.pid),
            "gunicorn_mb": [peak_mb(pid) for pid in children(server.pid)],
            "master_mb": peak_mb(server.pid),
        }
    finally:
        for process in (worker, server):
            process.send_signal(signal.SIGTERM)
        for process in (worker, server):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def one_document(url: str) -> tuple[float, float, int]:
    """The letters made as before the change: one WeasyPrint document, one process."""
    survey = (DATA / "bench_survey").read_text()
    script = f"""
from tenantry.surveys import pdf, selectors
from tenantry.surveys.models import Survey
survey = Survey.objects.get(pk={survey})
found = list(selectors.invitations_to_visit(survey=survey, status="waiting"))
content = pdf.letters_pdf(survey=survey, invitations=found, site="http://127.0.0.1")
print(len(content))
"""
    started = time.monotonic()
    process = subprocess.Popen(
        [str(TENANTRY), "shell", "-c", script],
        env=environment(url),
        stdout=subprocess.PIPE,
        text=True,
    )
    out, _err = process.communicate()
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_maxrss / 1024, int(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--homes", type=int, default=3600)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--limit", type=float, default=1800, help="seconds to wait at most")
    parser.add_argument("--one-document", action="store_true", help="also time the old way")
    options = parser.parse_args()
    url = database_url("tenantry_bench_letters")
    DATA.mkdir(exist_ok=True)
    set_up(url, homes=options.homes, households=options.households, reuse=options.reuse)
    figures = through_the_web(url, limit=options.limit)
    print(f"letters for {options.households:,} households through the task queue")
    print(f"  request for the letters   {figures['asked']:7.2f} s (then the file's page)")
    print(f"  file ready after          {figures['ready']:7.1f} s ({figures['polls']} polls)")
    print(f"  download                  {figures['download']:7.2f} s")
    print(f"  PDF                       {figures['pages']:7,} pages, {figures['mb']:.1f} MB")
    print(f"  peak RSS, db_worker       {figures['worker_mb']:7.0f} MB")
    for n, mb in enumerate(figures["gunicorn_mb"], start=1):
        print(f"  peak RSS, gunicorn {n}      {mb:7.0f} MB")
    print(f"  peak RSS, gunicorn master {figures['master_mb']:7.0f} MB")
    if options.one_document:
        seconds, mb, size = one_document(url)
        print("the same letters as one WeasyPrint document, in one process (before)")
        print(f"  made in                   {seconds:7.1f} s, {size / 1e6:.1f} MB")
        print(f"  peak RSS                  {mb:7.0f} MB")


if __name__ == "__main__":
    main()
