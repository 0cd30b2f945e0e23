"""How fast a big survey's results are worked out, against hand-written SQL for the same numbers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/survey_analysis.py [--responses 50000] [--homes 60000] [--reuse]

Sets up its own database (`tenantry_bench_surveys` on the same server: dropped and made afresh
unless --reuse keeps one from an earlier run) and fills it with a landlord whose tenant
management organisation manages --homes homes on 20 estates, one household and one resident
each (60% with a consented equality profile), and an anonymous survey of 30 questions — the
TSM template's 23 (TP01–TP12, the three filter questions, seven "about you" questions and a
comment) and 7 more (agreement scales, choices, a number) — answered --responses times, about
1.5 million answers, every household invited. Then, in the same run, it times:

1. analysis.py: `survey_results(survey, breakdown="estate")` (every question's counts, shares
   and margins, overall and per estate, with response rates) and `reach(survey)` (respondents
   against residents for every characteristic);
2. hand-written SQL: the GROUP BY queries a person would write for the same numbers, with the
   few lines of Python needed to put their rows in dictionaries;

asserts that every count, respondent total, share and reach figure is equal on both sides, and
prints the times (best and median of --runs runs each, alternating) and their ratio.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
TENANTRY = ROOT / ".venv" / "bin" / "tenantry"
DATABASE = "tenantry_bench_surveys"
ESTATES = 20
TODAY = date.today()


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(url: str, *, reuse: bool) -> bool:
    """A fresh, migrated database; True when one from an earlier run is reused."""
    admin = database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and reuse:
            return True
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [str(TENANTRY), "migrate", "--verbosity", "0", "--skip-checks"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    return False


# --- Filling the database -----------------------------------------------------------------------


def fill(*, homes: int, responses: int, seed: int = 1) -> int:
    """The organisation, its homes and people, the survey and its answers; the survey's pk."""
    from django.db import connection, transaction

    from tenantry.core.tests.factories import UserFactory
    from tenantry.homes.models import (
        Coverage,
        EqualityProfile,
        Estate,
        Home,
        Household,
        Resident,
    )
    from tenantry.organisations.tests.factories import AgreementFactory, LandlordFactory
    from tenantry.surveys import services
    from tenantry.surveys.models import Choice, Question, Survey

    rng = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic():
        landlord = LandlordFactory(name="Bench Council", slug="bench-council")
        agreement = AgreementFactory(
            organisation__name="Bench TMO",
            organisation__slug="bench-tmo",
            organisation__landlord=landlord,
        )
        tmo = agreement.organisation
        estates = Estate.objects.bulk_create(
            Estate(landlord=landlord, name=f"Estate {n:02d}", reference=f"E{n:02d}")
            for n in range(1, ESTATES + 1)
        )
        # Estates of different sizes, so their shares differ.
        weights = [1 + (n % 5) for n in range(ESTATES)]
        tenures = ["secure", "introductory", "assured", "shared_ownership", "leasehold"]
        made = Home.objects.bulk_create(
            (
                Home(
                    landlord=landlord,
                    estate=rng.choices(estates, weights)[0],
                    reference=f"P{n:07d}",
                    address=f"{n} Bench Road",
                    postcode="NB1 2AB",
                    home_type="flat",
                    bedrooms=2,
                    tenure=(tenure := rng.choices(tenures, [80, 5, 5, 6, 4])[0]),
                    stock_type="lcho" if tenure == "shared_ownership" else "lcra",
                )
                for n in range(1, homes + 1)
            ),
            batch_size=5000,
        )
        Coverage.objects.bulk_create(
            (
                Coverage(agreement=agreement, home=home, starts_on=agreement.starts_on)
                for home in made
            ),
            batch_size=5000,
        )
        households = Household.objects.bulk_create(
            (
                Household(home=home, reference=f"T{home.pk:08d}", started_on=date(2015, 6, 1))
                for home in made
            ),
            batch_size=5000,
        )
        languages = (
            ["en"] * 80
            + ["pl"] * 5
            + ["bn"] * 4
            + ["so"] * 3
            + ["ur"] * 3
            + ["ar", "tr", "pt", "ro", "cy"]
        )
        residents = Resident.objects.bulk_create(
            (
                Resident(
                    household=household,
                    name=f"Resident {household.pk}",
                    is_lead_tenant=True,
                    language=rng.choice(languages),
                    needs_large_print=rng.random() < 0.06,
                    needs_audio=rng.random() < 0.02,
                    needs_interpreter=rng.random() < 0.04,
                    needs_easy_read=rng.random() < 0.03,
                )
                for household in households
            ),
            batch_size=5000,
        )
        ages = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not_said"]
        EqualityProfile.objects.bulk_create(
            (
                EqualityProfile(
                    resident=resident,
                    consented_on=date(2025, 1, 1),
                    age_band=rng.choices(ages, [8, 16, 18, 18, 16, 12, 9, 3])[0],
                    disability=rng.choices(["yes", "no", "not_said"], [25, 70, 5])[0],
                    ethnicity=rng.choices(
                        ["asian", "black", "mixed", "white", "other", "not_said"],
                        [12, 10, 4, 68, 3, 3],
                    )[0],
                    gender=rng.choices(["woman", "man", "other", "not_said"], [54, 43, 1, 2])[0],
                )
                for resident in residents
                if rng.random() < 0.6
            ),
            batch_size=5000,
        )
        by = UserFactory(email="bench@example.org")
        survey = services.create_survey(organisation=tmo, by=by, template="tsm")
        section = survey.sections.order_by("-order").first()
        extra = [
            ("EX1", Question.Kind.AGREEMENT, []),
            ("EX2", Question.Kind.AGREEMENT, []),
            ("EX3", Question.Kind.AGREEMENT, []),
            ("EX4", Question.Kind.SINGLE, [("daily", "Daily"), ("weekly", "Weekly"),
                                           ("rarely", "Rarely")]),
            ("EX5", Question.Kind.SINGLE, [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]),
            ("EX6", Question.Kind.NUMBER, []),
            ("EX7", Question.Kind.MULTIPLE, [("bus", "Bus"), ("car", "Car"), ("walk", "Walk"),
                                             ("bike", "Bike")]),
        ]  # fmt: skip
        from tenantry.surveys import library

        for order, (code, kind, choices) in enumerate(extra, start=100):
            question = Question.objects.create(
                survey=survey,
                section=section,
                order=order,
                kind=kind,
                code=code,
                text=f"Question {code}?",
            )
            pairs = choices or [
                (c.value, library.english(c.label)) for c in library.scale_choices(kind, False)
            ]
            Choice.objects.bulk_create(
                Choice(question=question, value=value, label=label, order=i)
                for i, (value, label) in enumerate(pairs)
            )
        survey.status = Survey.Status.OPEN
        survey.save()
    services.invite_households(survey=survey, by=by)
    print(f"  {homes:,} homes, households and residents, survey and invitations: "
          f"{time.monotonic() - started:.0f}s", file=sys.stderr)  # fmt: skip

    started = time.monotonic()
    questions = list(survey.questions.prefetch_related("choices").order_by("pk"))
    by_code = {q.code: q for q in questions}
    choices = {q.pk: [c.value for c in q.choices.all()] for q in questions}
    assert len(questions) == 30, len(questions)
    answering = rng.sample(households, responses)
    estate_of = {h.pk: h.home.estate_id for h in households}
    stock_of = {h.pk: h.home.stock_type for h in households}
    modes = ["web", "door", "phone", "paper", "sms"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM surveys_response")
        (first_id,) = cursor.fetchone()
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY surveys_response (id, survey_id, mode, language, estate_id, stock_type, "
            "submitted_on, source_reference) FROM STDIN"
        ) as copy:
            for n, household in enumerate(answering, start=1):
                copy.write_row(
                    (first_id + n, survey.pk, rng.choices(modes, [40, 25, 20, 12, 3])[0],
                     "en" if rng.random() < 0.9 else "cy", estate_of[household.pk],
                     stock_of[household.pk], TODAY - timedelta(days=rng.randrange(0, 60)), "")
                )  # fmt: skip
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), %s)",
            [first_id + responses],
        )
        answers = 0
        with cursor.copy(
            "COPY surveys_answer (response_id, question_id, value, number, text) FROM STDIN"
        ) as copy:
            for n in range(1, responses + 1):
                given: dict[int, str] = {}
                for question in questions:
                    shown_if = question.show_if_question_id
                    if shown_if and given.get(shown_if) not in question.show_if_values:
                        continue
                    if question.profile_field and rng.random() < 0.2:
                        continue  # "about you" questions are optional
                    kind = question.kind
                    if kind == Question.Kind.TEXT:
                        if rng.random() < 0.1:
                            copy.write_row(
                                (first_id + n, question.pk, "", None, "More bins please.")
                            )
                            answers += 1
                        continue
                    if kind == Question.Kind.NUMBER:
                        copy.write_row((first_id + n, question.pk, "", rng.randrange(1, 7), ""))
                        answers += 1
                        continue
                    options = choices[question.pk]
                    if kind == Question.Kind.MULTIPLE:
                        picked = rng.sample(options, rng.choice([1, 1, 1, 2]))
                    else:
                        # Skewed towards the first answers, as real satisfaction is.
                        weights = [len(options) - i + 2 for i in range(len(options))]
                        picked = [rng.choices(options, weights)[0]]
                    given[question.pk] = picked[0]
                    for value in picked:
                        copy.write_row((first_id + n, question.pk, value, None, ""))
                        answers += 1
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE surveys_invitation SET responses = 1 "
            "WHERE survey_id = %s AND household_id = ANY(%s)",
            [survey.pk, [h.pk for h in answering]],
        )
        cursor.execute("ANALYZE")
    print(f"  {responses:,} responses, {answers:,} answers: {time.monotonic() - started:.0f}s",
          file=sys.stderr)  # fmt: skip
    del by_code
    return survey.pk


# --- The two ways of working the numbers out ----------------------------------------------------


def with_analysis(survey):
    """Tenantry's own: every question per estate, and reach."""
    from tenantry.surveys import analysis

    results = analysis.survey_results(survey, breakdown="estate")
    reach = analysis.reach(survey)
    return results, reach


HANDWRITTEN = {
    # Every choice answer counted, whole survey.
    "overall": """
        SELECT question_id, value, COUNT(*) FROM surveys_answer
        WHERE question_id = ANY(%(choice)s) GROUP BY question_id, value""",
    # People answering (and number sums) where counting answers does not count people.
    "overall_people": """
        SELECT question_id, COUNT(DISTINCT response_id), SUM(number), MIN(number), MAX(number)
        FROM surveys_answer WHERE question_id = ANY(%(other)s) GROUP BY question_id""",
    # The same per estate.
    "estate": """
        SELECT a.question_id, r.estate_id, a.value, COUNT(*)
        FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
        WHERE a.question_id = ANY(%(choice)s) GROUP BY a.question_id, r.estate_id, a.value""",
    "estate_people": """
        SELECT a.question_id, r.estate_id, COUNT(DISTINCT a.response_id)
        FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
        WHERE a.question_id = ANY(%(other)s) GROUP BY a.question_id, r.estate_id""",
    # Responses, invitations and households per estate: the response rates.
    "responses": """
        SELECT estate_id, COUNT(*) FROM surveys_response WHERE survey_id = %(survey)s
        GROUP BY estate_id""",
    "invited": """
        SELECT estate_id, COUNT(*) FROM surveys_invitation WHERE survey_id = %(survey)s
        GROUP BY estate_id""",
    # The residents' side of reach: households now living in the organisation's homes…
    "households": """
        SELECT hm.estate_id, hm.tenure, COUNT(*)
        FROM homes_household h JOIN homes_home hm ON hm.id = h.home_id
        WHERE h.started_on <= %(today)s AND (h.ended_on IS NULL OR h.ended_on > %(today)s)
          AND h.home_id IN (
            SELECT c.home_id FROM homes_coverage c
            JOIN organisations_managementagreement m ON m.id = c.agreement_id
            WHERE m.organisation_id = %(organisation)s AND c.starts_on <= %(today)s
              AND (c.ends_on IS NULL OR c.ends_on >= %(today)s))
        GROUP BY hm.estate_id, hm.tenure""",
    # …the people in them, their languages and communication needs…
    "residents": """
        SELECT r.language, COUNT(*),
               COUNT(*) FILTER (WHERE NOT (r.needs_large_print OR r.needs_braille OR r.needs_audio
                                OR r.needs_easy_read OR r.needs_interpreter OR r.needs_bsl)),
               COUNT(*) FILTER (WHERE r.needs_large_print), COUNT(*) FILTER (WHERE r.needs_braille),
               COUNT(*) FILTER (WHERE r.needs_audio), COUNT(*) FILTER (WHERE r.needs_easy_read),
               COUNT(*) FILTER (WHERE r.needs_interpreter), COUNT(*) FILTER (WHERE r.needs_bsl)
        FROM homes_resident r JOIN homes_household h ON h.id = r.household_id
        WHERE h.started_on <= %(today)s AND (h.ended_on IS NULL OR h.ended_on > %(today)s)
          AND h.home_id IN (
            SELECT c.home_id FROM homes_coverage c
            JOIN organisations_managementagreement m ON m.id = c.agreement_id
            WHERE m.organisation_id = %(organisation)s AND c.starts_on <= %(today)s
              AND (c.ends_on IS NULL OR c.ends_on >= %(today)s))
        GROUP BY r.language""",
    # …and their equality profiles, given with consent.
    "equality": """
        SELECT e.age_band, e.disability, e.ethnicity, e.gender, COUNT(*)
        FROM homes_equalityprofile e JOIN homes_resident r ON r.id = e.resident_id
        JOIN homes_household h ON h.id = r.household_id
        WHERE h.started_on <= %(today)s AND (h.ended_on IS NULL OR h.ended_on > %(today)s)
          AND h.home_id IN (
            SELECT c.home_id FROM homes_coverage c
            JOIN organisations_managementagreement m ON m.id = c.agreement_id
            WHERE m.organisation_id = %(organisation)s AND c.starts_on <= %(today)s
              AND (c.ends_on IS NULL OR c.ends_on >= %(today)s))
        GROUP BY e.age_band, e.disability, e.ethnicity, e.gender""",
}
NEEDS = ["none", "needs_large_print", "needs_braille", "needs_audio", "needs_easy_read",
         "needs_interpreter", "needs_bsl"]  # fmt: skip


def with_sql(survey, choice_ids: list[int], other_ids: list[int]) -> dict:
    """The same numbers from hand-written GROUP BY queries, arranged in dictionaries."""
    from django.db import connection

    params = {
        "choice": choice_ids,
        "other": other_ids,
        "survey": survey.pk,
        "organisation": survey.organisation_id,
        "today": TODAY,
    }
    got: dict = {}
    with connection.cursor() as cursor:
        for name, sql in HANDWRITTEN.items():
            cursor.execute(sql, params)
            got[name] = cursor.fetchall()
    out: dict = {"overall": {}, "overall_people": {}, "estate": {}, "estate_people": {}}
    for question_id, value, n in got["overall"]:
        out["overall"][(question_id, value)] = n
    for question_id, people, total, smallest, largest in got["overall_people"]:
        out["overall_people"][question_id] = (people, total, smallest, largest)
    for question_id, estate_id, value, n in got["estate"]:
        out["estate"][(question_id, str(estate_id), value)] = n
    for question_id, estate_id, people in got["estate_people"]:
        out["estate_people"][(question_id, str(estate_id))] = people
    out["responses"] = {str(e): n for e, n in got["responses"]}
    out["invited"] = {str(e): n for e, n in got["invited"]}
    estates: dict = {}
    tenures: dict = {}
    for estate_id, tenure, n in got["households"]:
        estates[str(estate_id)] = estates.get(str(estate_id), 0) + n
        tenures[tenure] = tenures.get(tenure, 0) + n
    out["estate_households"], out["tenure_households"] = estates, tenures
    out["languages"] = {language: n for language, n, *_ in got["residents"]}
    out["needs"] = {
        need: sum(row[2 + i] for row in got["residents"]) for i, need in enumerate(NEEDS)
    }
    out["residents"] = sum(row[1] for row in got["residents"])
    profile: dict = {name: {} for name in ("age_band", "disability", "ethnicity", "gender")}
    for *groups, n in got["equality"]:
        for name, group in zip(profile, groups, strict=True):
            profile[name][group] = profile[name].get(group, 0) + n
    out["profile"] = profile
    return out


def check_equal(survey, results, reach, sql: dict) -> int:
    """Assert that both sides give the same numbers; how many numbers were compared."""
    from tenantry.surveys.analysis import NOT_RECORDED

    compared = 0
    for result in results.questions:
        question = result.question
        qid = question.pk
        if question.has_choices:
            for code, _label in result.choices:
                expected = sql["overall"].get((qid, code), 0)
                assert result.overall.counts.get(code, 0) == expected, (question.code, code)
                for group in results.groups:
                    estate = sql["estate"].get((qid, group.key, code), 0)
                    assert result.cell(code, group.key).count == estate, (question.code, code)
                    compared += 2
        if question.has_choices and question.kind != question.Kind.MULTIPLE:
            people = sum(n for (q, _v), n in sql["overall"].items() if q == qid)
        else:
            people, total, smallest, largest = sql["overall_people"].get(qid, (0, None, None, None))
            assert (result.overall.total, result.overall.smallest, result.overall.largest) == (
                total,
                smallest,
                largest,
            ), question.code
        assert result.overall.respondents == people, question.code
        # The shares (and so the margins) are the same divisions of the same counts.
        for code, _label, cell in result.cells if question.has_choices else []:
            assert cell.share == (sql["overall"].get((qid, code), 0) / people if people else None)
            compared += 1
        for group in results.groups:
            tally = result.groups.get(group.key)
            if question.has_choices and question.kind != question.Kind.MULTIPLE:
                expected = sum(
                    n for (q, e, _v), n in sql["estate"].items() if q == qid and e == group.key
                )
            else:
                expected = sql["estate_people"].get((qid, group.key), 0)
            assert (tally.respondents if tally else 0) == expected, (question.code, group.label)
            compared += 1
    for group in results.groups:
        assert group.responses == sql["responses"].get(group.key, 0), group.label
        assert group.invited == sql["invited"].get(group.key, 0), group.label
        assert group.households == sql["estate_households"].get(group.key, 0), group.label
        compared += 3

    residents = {
        "estate": sql["estate_households"],
        "tenure": sql["tenure_households"],
        **sql["profile"],
        "communication_needs": sql["needs"],
    }
    profile_questions = {
        q.question.profile_field: q for q in results.questions if q.question.profile_field
    }
    for characteristic in reach:
        key = characteristic.key
        for row in characteristic.rows:
            if key == "estate":
                assert row.respondents == sql["responses"].get(row.group, 0)
            elif row.group != NOT_RECORDED:
                q = profile_questions[key].question
                assert row.respondents == sql["overall"].get((q.pk, row.group), 0), (key, row.group)
            if key == "language":
                offered = {code for code, _label in profile_questions[key].choices}
                expected = sum(
                    n for lang, n in sql["languages"].items()
                    if (lang if lang in offered else "other") == row.group
                )  # fmt: skip
                assert row.residents == expected, (key, row.group)
            elif row.group != NOT_RECORDED:
                assert row.residents == residents[key].get(row.group, 0), (key, row.group)
            compared += 2
    return compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--homes", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    options = parser.parse_args()
    if options.responses > options.homes:
        parser.error("--responses cannot exceed --homes: one response per household")

    url = database_url(DATABASE)
    reused = create_database(url, reuse=options.reuse)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tenantry.surveys.models import Question, Survey

    if reused and Survey.objects.filter(organisation__slug="bench-tmo").exists():
        survey = Survey.objects.get(organisation__slug="bench-tmo")
        print("  reusing the database of an earlier run", file=sys.stderr)
    else:
        if reused:
            create_database(url, reuse=False)
        survey = Survey.objects.get(pk=fill(homes=options.homes, responses=options.responses))

    questions = list(survey.questions.all())
    choice_ids = [q.pk for q in questions if q.has_choices]
    other_ids = [q.pk for q in questions if not q.has_choices or q.kind == Question.Kind.MULTIPLE]
    answers = survey.responses.model.objects.filter(survey=survey).count()

    mine: list[float] = []
    theirs: list[float] = []
    for _run in range(options.runs):
        started = time.perf_counter()
        results, reach = with_analysis(survey)
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        sql = with_sql(survey, choice_ids, other_ids)
        theirs.append(time.perf_counter() - started)
    compared = check_equal(survey, results, reach, sql)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM surveys_answer a JOIN surveys_question q ON q.id = a.question_id "
            "WHERE q.survey_id = %s",
            [survey.pk],
        )
        (answer_rows,) = cursor.fetchone()
    print(f"responses {answers:,}, questions {len(questions)}, answers {answer_rows:,}, "
          f"estates {len(results.groups)}, {compared:,} numbers compared: all equal")  # fmt: skip
    print("| side | best s | median s |")
    print("|---|---:|---:|")
    print(f"| analysis.py | {min(mine):.3f} | {statistics.median(mine):.3f} |")
    print(f"| hand-written SQL | {min(theirs):.3f} | {statistics.median(theirs):.3f} |")
    print(f"| ratio | {min(mine) / min(theirs):.2f}× | "
          f"{statistics.median(mine) / statistics.median(theirs):.2f}× |")  # fmt: skip


if __name__ == "__main__":
    main()
