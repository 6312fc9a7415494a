"""Who may claim a controversy: paging through channel members, the brief cache, failing closed.

A small fake of Slack's Web client stands in for Slack here (the end-to-end tests in
test_kohu.py use the real stand-in); the code under test is the real membership module.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from bot.directory import load_directory
from bot.sandbox import world
from handlers.kohu import membership


class FakeSlack:
    def __init__(self, group=("U0MAVI1",), pages=(["U0A", "U0B"], ["U0C"]), fail=False):
        self.group, self.pages, self.fail = list(group), [list(p) for p in pages], fail
        self.calls: list[tuple[str, dict]] = []

    async def usergroups_users_list(self, **kw):
        self.calls.append(("usergroups.users.list", kw))
        if self.fail:
            raise RuntimeError("slack down")
        return {"ok": True, "users": self.group}

    async def conversations_members(self, **kw):
        self.calls.append(("conversations.members", kw))
        if self.fail:
            raise RuntimeError("slack down")
        page = int(kw.get("cursor") or 0)
        nxt = str(page + 1) if page + 1 < len(self.pages) else ""
        return {"ok": True, "members": self.pages[page], "response_metadata": {"next_cursor": nxt}}


def svc():
    return SimpleNamespace(cache={}, directory=load_directory(world.DIRECTORY_FILE))


def run(coro):
    return asyncio.run(coro)


def test_every_page_of_the_channel_and_the_group_count():
    slack, s = FakeSlack(), svc()
    assert run(membership.mavi_members(slack, s)) == {"U0MAVI1", "U0A", "U0B", "U0C"}
    cursors = [kw.get("cursor") for name, kw in slack.calls if name == "conversations.members"]
    assert cursors == [None, "1"]
    assert {kw.get("channel") for name, kw in slack.calls if name == "conversations.members"} == {"C0MAVI"}
    assert [kw for name, kw in slack.calls if name == "usergroups.users.list"] == [{"usergroup": "S0MAVI"}]


def test_the_answer_is_cached_briefly():
    slack, s = FakeSlack(), svc()
    run(membership.mavi_members(slack, s))
    run(membership.is_mavi(slack, s, "U0A"))
    assert len(slack.calls) == 3  # one group lookup, two channel pages
    members, expires = s.cache[("kohu", "mavi_members")]
    s.cache[("kohu", "mavi_members")] = (members, expires - membership.TTL_S - 1)  # a minute later
    slack.group = ["U0NEW"]
    assert run(membership.is_mavi(slack, s, "U0NEW")) is True
    assert len(slack.calls) == 6


def test_admins_and_named_people_need_no_lookup_and_failures_fail_closed():
    slack, s = FakeSlack(fail=True), svc()
    assert run(membership.may_manage(slack, s, "U0ADMIN")) is True
    assert run(membership.may_manage(slack, s, "U0VIESTPAA", {"U0VIESTPAA"})) is True
    assert slack.calls == []
    assert run(membership.may_manage(slack, s, "U0MAVI1")) is False  # Slack cannot vouch: refused
    assert ("kohu", "mavi_members") not in s.cache  # a failure is not remembered as an answer


def test_a_failed_refresh_keeps_the_last_known_answer():
    slack, s = FakeSlack(), svc()
    run(membership.mavi_members(slack, s))
    members, expires = s.cache[("kohu", "mavi_members")]
    s.cache[("kohu", "mavi_members")] = (members, expires - membership.TTL_S - 1)
    slack.fail = True
    assert run(membership.is_mavi(slack, s, "U0B")) is True
