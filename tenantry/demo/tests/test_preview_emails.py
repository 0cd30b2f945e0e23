"""`tenantry preview_emails` writes every email, in English and Welsh, for people to look at."""

from io import StringIO

from django.core.management import call_command


def test_every_email_is_written_in_both_languages_with_both_parts(
    tmp_path,
):  # no database: the examples are never saved
    call_command("preview_emails", out=str(tmp_path), stdout=StringIO())

    files = sorted(p.name for p in tmp_path.glob("*.html") if p.name != "index.html")
    assert len(files) == 28  # 14 emails, each in English and Welsh
    assert {f.rsplit(".", 2)[1] for f in files} == {"en-gb", "cy"}
    for path in tmp_path.glob("*.html"):
        page = path.read_text()
        if path.name == "index.html":
            assert "repair_reported.cy.html" in page
            continue
        # Each names the organisation it is from: the TMO, or the scrutiny panel.
        assert "Kingsmead TMO" in page or "Northbrook Tenant Scrutiny Panel" in page
        assert "Plain-text part" in page and "srcdoc=" in page
    welsh = (tmp_path / "repair_reported.cy.html").read_text()
    assert "Diolch am roi gwybod am waith atgyweirio" in welsh
