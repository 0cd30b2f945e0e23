"""The themes page: what each role sees of a theme, small groups, filters, bad input, working
the themes out again through the task, and the page's queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.organisations.models import AuditEntry
from tenantry.reports.themes_models import ThemeComment, ThemeRun
from tenantry.reports.themes_services import ask_for_themes, work_out

from .themes_corpus import BINS, DAMP, NOISE, REPAIRS
from .themes_data import Source, add_comments, stored_run

pytestmark = pytest.mark.django_db

PAGE_QUERIES = 14


def _url(cast, **query):
    url = reverse("reports:themes", args=[cast.tmo.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.fixture
def themed(cast):
    """Damp in six survey answers and six complaints; noise in six criticisms; bins in three
    complaints only (a theme of its own, made by hand, too small a group to quote)."""
    ids = add_comments(
        cast.tmo, surveys=DAMP[:6], complaints=DAMP[6:] + BINS[:3] + REPAIRS[:2], meetings=NOISE[:6]
    )
    complaints = ids[Source.COMPLAINTS]
    # Damp: six survey answers and four complaints are 2025/26; two more complaints 2024/25.
    damp = [(Source.SURVEYS, i, 2025) for i in ids[Source.SURVEYS]]
    damp += [(Source.COMPLAINTS, i, 2025) for i in complaints[:4]]
    stored_run(
        cast.tmo,
        [
            ("damp, mould, bathroom", damp),
            (
                "neighbours, night, noise",
                [(Source.MEETINGS, i, 2025) for i in ids[Source.MEETINGS]],
            ),
            ("bins, rubbish", [(Source.COMPLAINTS, i, 2025) for i in complaints[4:7]]),
        ],
        others=[(Source.COMPLAINTS, i, 2024) for i in complaints[7:]],
    )
    return ids


def test_the_committee_sees_themes_largest_first_with_survey_and_meeting_examples(
    client_as, cast, themed
):
    page = client_as(cast.people["committee"]).get(_url(cast)).content.decode()
    assert page.index("Damp, mould, bathroom") < page.index("Neighbours, night, noise")
    assert page.index("Neighbours, night, noise") < page.index("Bins, rubbish")
    assert "10 comments</strong>: surveys 6, complaints 4" in page
    # Survey answers are quoted for those who run surveys, the closest to the centre first,
    # three per theme; criticisms raised at meetings for anyone who may see the page.
    assert DAMP[0] in page and DAMP[1] in page and DAMP[3] not in page
    assert NOISE[0].replace("'", "&#x27;") in page or NOISE[0] in page
    # The committee reads complaints' records, so a complaint could be quoted too, but the
    # three closest damp comments are survey answers.
    assert DAMP[6] not in page
    # Two complaints in no theme.
    assert "2 comments here belong to no theme" in page


def test_a_small_group_is_counted_but_never_quoted(client_as, cast, themed):
    page = client_as(cast.people["staff"]).get(_url(cast)).content.decode()
    assert "3 comments</strong>: complaints 3" in page
    for text in BINS[:3]:
        assert text not in page
    assert "too few comments from one source here" in page


def test_a_filter_that_leaves_fewer_than_five_hides_the_examples(client_as, cast, themed):
    """Complaints of 2025/26 only: the damp theme holds four, too few to quote."""
    page = client_as(cast.people["staff"]).get(_url(cast, source="complaints", year="2025/26"))
    text = page.content.decode()
    assert "4 comments</strong>: complaints 4" in text
    for quoted in DAMP[6:10]:
        assert quoted not in text
    assert "Neighbours, night, noise" not in text  # no criticism is a complaint


def test_the_landlord_sees_counts_and_meeting_examples_but_no_survey_answers(
    client_as, cast, themed
):
    page = client_as(cast.people["landlord_officer"]).get(_url(cast)).content.decode()
    assert "10 comments</strong>: surveys 6, complaints 4" in page
    for text in DAMP[:6]:
        assert text not in page
    # The landlord reads complaints' records, but four complaints are too few to quote.
    assert DAMP[6] not in page
    assert "too few comments from one source here" in page


def test_the_landlord_reads_complaint_examples_where_five_or_more(client_as, cast):
    ids = add_comments(cast.tmo, surveys=DAMP[:5], complaints=DAMP[5:])
    members = [(Source.SURVEYS, i, 2025) for i in ids[Source.SURVEYS]]
    members += [(Source.COMPLAINTS, i, 2025) for i in ids[Source.COMPLAINTS]]
    stored_run(cast.tmo, [("damp, mould", members)])
    page = client_as(cast.people["landlord_officer"]).get(_url(cast)).content.decode()
    assert DAMP[5] in page  # the closest complaint
    for text in DAMP[:5]:
        assert text not in page  # survey answers: for those who run the surveys only


def test_an_inspector_sees_counts_only_for_survey_answers(client_as, cast):
    ids = add_comments(cast.tmo, surveys=DAMP)
    stored_run(
        cast.tmo, [("damp, mould", [(Source.SURVEYS, i, 2025) for i in ids[Source.SURVEYS]])]
    )
    page = client_as(cast.people["inspector"]).get(_url(cast)).content.decode()
    assert "10 comments" in page
    assert not any(text in page for text in DAMP)
    assert "Examples are shown only to those who may read these comments" in page


def test_a_resident_is_refused(client_as, cast, themed):
    assert client_as(cast.people["resident"]).get(_url(cast)).status_code == 403


def test_bad_filters_are_named_and_the_page_still_shows(client_as, cast, themed):
    response = client_as(cast.people["committee"]).get(_url(cast, source="gossip", year="next"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Source: choose surveys, complaints or meetings" in page
    assert "Year: “next” is not a financial year" in page
    assert "Damp, mould, bathroom" in page  # all sources and years, as without the filter


def test_before_any_run_the_page_offers_to_work_them_out(client_as, cast):
    page = client_as(cast.people["committee"]).get(_url(cast)).content.decode()
    assert "The themes have not been worked out yet." in page
    assert "Work out the themes" in page
    page = client_as(cast.people["inspector"]).get(_url(cast)).content.decode()
    assert "Work out the themes" not in page


def test_working_out_again_runs_the_task_and_keeps_the_themes(
    client_as, cast, django_capture_on_commit_callbacks
):
    """The in-process task backend runs the task when the request commits: the real model
    groups forty comments from all three sources."""
    add_comments(cast.tmo, surveys=DAMP + BINS, complaints=REPAIRS, meetings=NOISE)
    add_comments(cast.tmo, complaints=["No", "n/a"])  # too short to read
    client = client_as(cast.people["committee"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:themes-work-out", args=[cast.tmo.slug]))
    assert response.status_code == 302
    run = ThemeRun.objects.get(organisation=cast.tmo)
    assert run.status == ThemeRun.Status.READY and run.comments == 40
    assert run.requested_by == cast.people["committee"]
    assert run.model_name == "all-MiniLM-L6-v2"
    assert [t.size for t in run.themes.all()] == sorted(
        (t.size for t in run.themes.all()), reverse=True
    )
    assert run.themes.count() == 4
    assert ThemeComment.objects.filter(run=run).count() == 40
    assert AuditEntry.objects.filter(organisation=cast.tmo, action="created").exists()
    page = client.get(_url(cast)).content.decode()
    assert "from 40 comments" in page and "Work out again" in page


def test_working_out_again_replaces_the_earlier_run(cast, django_capture_on_commit_callbacks):
    add_comments(cast.tmo, meetings=NOISE[:5])
    first = stored_run(cast.tmo, [])
    with django_capture_on_commit_callbacks(execute=True):
        run = ask_for_themes(organisation=cast.tmo, by=None)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.READY
    assert not ThemeRun.objects.filter(pk=first.pk).exists()


def test_a_run_already_waiting_is_not_asked_for_twice(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = ask_for_themes(organisation=cast.tmo, by=cast.people["staff"])
    assert ask_for_themes(organisation=cast.tmo, by=cast.people["staff"]) == first
    assert len(callbacks) == 1


def test_a_failure_is_shown_and_the_earlier_themes_stay(client_as, cast, monkeypatch):
    ids = add_comments(cast.tmo, meetings=NOISE[:5])
    stored_run(cast.tmo, [("noise", [(Source.MEETINGS, i, 2025) for i in ids[Source.MEETINGS]])])
    run = ThemeRun.objects.create(organisation=cast.tmo)

    def broken(texts):
        raise RuntimeError("out of memory")

    monkeypatch.setattr("tenantry.reports.themes.find_themes", broken)
    work_out(run)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.FAILED
    page = client_as(cast.people["staff"]).get(_url(cast)).content.decode()
    assert "Something went wrong on our side while working out the themes" in page
    assert "Noise" in page


def test_a_run_left_waiting_too_long_is_shown_as_stopped(client_as, cast):
    run = ThemeRun.objects.create(organisation=cast.tmo)
    ThemeRun.objects.filter(pk=run.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    page = client_as(cast.people["staff"]).get(_url(cast)).content.decode()
    assert "stopped before it finished" in page
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.FAILED


def test_the_page_takes_a_fixed_number_of_queries(client_as, cast, django_assert_num_queries):
    def make(n):
        ids = add_comments(cast.tmo, surveys=DAMP[:n], complaints=BINS[:n], meetings=NOISE[:n])
        stored_run(
            cast.tmo,
            [
                (label, [(source, i, 2025) for i in ids[source]])
                for label, source in (
                    ("damp", Source.SURVEYS),
                    ("bins", Source.COMPLAINTS),
                    ("noise", Source.MEETINGS),
                )
            ],
        )

    client = client_as(cast.people["staff"])
    make(5)
    client.get(_url(cast))
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(_url(cast)).status_code == 200
    ThemeRun.objects.all().delete()
    make(10)
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(_url(cast)).content.decode()
    assert DAMP[0] in page and BINS[0] in page
