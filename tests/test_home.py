"""App Home end to end: opening the tab publishes the commands and the user's open work."""

from tests.test_uhka import THREAT, report


def test_home_shows_commands_and_own_open_reports(app):
    ref = report(app)
    r = app.driver.app_home_opened("U0MAIJA")
    assert r.status_code == 200
    view = app.standin.wait_for(lambda: app.standin.home_view("U0MAIJA"))
    text = str(view["blocks"])
    assert "/ohje" in text and "/uhka" in text and "/kohu" in text
    assert ref in text
    assert THREAT not in text  # a list, not the evidence
    assert app.standin.invalid_calls() == []


def test_home_of_an_outsider_lists_no_threats_of_others(app):
    ref = report(app)
    app.driver.app_home_opened("U0ULKO")
    view = app.standin.wait_for(lambda: app.standin.home_view("U0ULKO"))
    assert ref not in str(view["blocks"])


def test_home_in_swedish(app):
    app.driver.app_home_opened("U0ERIK")
    view = app.standin.wait_for(lambda: app.standin.home_view("U0ERIK"))
    assert "Somevahti – hjälpreda" in str(view["blocks"])
