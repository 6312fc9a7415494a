"""Opening a report form: acknowledged at once, and a form Slack would not open is told to the user."""

import pytest


@pytest.mark.parametrize("command", ["/uhka", "/kohu"])
def test_form_that_does_not_open_is_told_not_silently_dropped(app, command):
    app.standin.faults.add("views.open", "server_error", times=1)
    r = app.driver.slash("U0MAIJA", command, channel_id="C0SOME")
    assert r.status_code == 200  # Slack heard back at once; the form is opened after the ack
    assert app.standin.open_view("U0MAIJA") is None
    [told] = app.standin.wait_for_response_url_posts(1)
    assert "Lomaketta ei saatu auki" in told["text"] and told["response_type"] == "ephemeral"
    # Trying again works.
    app.driver.slash("U0MAIJA", command, channel_id="C0SOME")
    assert app.standin.open_view("U0MAIJA") is not None


def test_form_opens_after_an_ack_that_carries_nothing(app):
    r = app.driver.slash("U0MAIJA", "/uhka", channel_id="C0SOME")
    assert r.status_code == 200 and r.text == ""
    assert app.standin.open_view("U0MAIJA")["callback_id"]
