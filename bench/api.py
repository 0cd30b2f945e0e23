"""The open API's lists under load, with a personal token, at a landlord's full size.

    .venv/bin/python bench/api.py \
        --database-url postgres://postgres@127.0.0.1:5432/tenantry_bench_pages_125000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \
        .venv/bin/python bench/api.py --homes 125000

Uses the page benchmark's database (bench/pages.py: `--homes N` builds
`tenantry_bench_pages_N`, `--database-url` takes an existing generated one), makes an API token
for the landlord's officer (landlord@example.org), serves the site with gunicorn on 127.0.0.1
and, in the same run, keeps --connections keep-alive connections busy for --duration seconds on
/healthz (the baseline) and then on each API list, with the token in the Authorization header.
Prints for each its median and 95th-percentile latency, its throughput and that as a share of
/healthz's, and flags a list whose p95 is over 300 ms or whose throughput is under 30% of
/healthz's. The token is revoked at the end. Rate limits are off for the run (one address).
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)

LANDLORD = "northbrook-council"
LISTS = [
    f"/api/v1/organisations/{LANDLORD}/repairs?limit=50",
    f"/api/v1/organisations/{LANDLORD}/repairs?limit=200",
    f"/api/v1/organisations/{LANDLORD}/repairs?limit=50&period=2025/26&status=completed",
    f"/api/v1/organisations/{LANDLORD}/results?limit=50",
    f"/api/v1/organisations/{LANDLORD}/submissions?limit=50",
    "/api/v1/organisations?limit=50",
    "/api/v1/public/organisations?limit=50",
    "/api/v1/public/organisations/kingsmead-tmo/results?limit=50",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--homes", type=int, default=125_000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--port", type=int, default=8231)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--duration", type=float, default=10.0)
    args = parser.parse_args()

    url = args.database_url or pages.database_url(f"tenantry_bench_pages_{args.homes}")
    if not args.database_url:
        pages.build(url, homes=args.homes, reuse=args.reuse)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": pages.SECRET_KEY, "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "tenantry.settings", "TASKS_BACKEND": "immediate",
           "API_REQUESTS_PER_MINUTE_PER_ADDRESS": "0",
           "API_REQUESTS_PER_MINUTE_PER_TOKEN": "0"}  # fmt: skip
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tenantry.api import tokens
    from tenantry.core.models import User

    pages.finish(lambda message: print(message, file=sys.stderr))
    officer = User.objects.get(email="landlord@example.org")
    made = tokens.create_token(user=officer, name="bench/api.py", days=1, by=None)
    headers = {"Authorization": f"Bearer {made.secret}"}

    server = pages.serve(env, args.port, args.workers)
    try:
        rows = []
        for path in ["/healthz", *LISTS]:
            # One request first: the workers' first answer warms their caches.
            pages.load(args.port, path, "", connections=1, duration=0.5, headers=headers)
            latencies, per_s, errors = pages.load(
                args.port, path, "", connections=args.connections, duration=args.duration,
                headers=headers,
            )  # fmt: skip
            rows.append((path, latencies, per_s, errors))
    finally:
        server.terminate()
        server.wait()
        tokens.revoke_token(token=made.token, by=None)

    baseline = rows[0][2] or float("nan")
    print(f"{'path':<78} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'share':>6} {'err':>4}")
    for path, latencies, per_s, errors in rows:
        p50 = pages.percentile(latencies, 0.5)
        p95 = pages.percentile(latencies, 0.95)
        share = per_s / baseline
        flags = []
        if path != "/healthz":
            if p95 > pages.TARGET_P95_MS:
                flags.append("p95 over target")
            if share < pages.TARGET_SHARE:
                flags.append("throughput under 30% of /healthz")
        print(f"{path:<78} {p50:>7.1f} {p95:>7.1f} {per_s:>7.1f} {share:>6.0%} {errors:>4}"
              f"  {', '.join(flags)}")  # fmt: skip


if __name__ == "__main__":
    main()
