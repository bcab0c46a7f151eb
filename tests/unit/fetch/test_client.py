"""The client's politeness without a network: requests to one host spaced at the rate
(Crawl-delay when slower), Retry-After read in both of its forms, settings checked."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from pipeline.fetch.client import Pacer, retry_after
from pipeline.fetch.settings import FetchSettings


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_one_host_is_asked_at_most_once_per_interval_others_are_not_held_up() -> None:
    clock = Clock()
    pacer = Pacer(0.5, clock=clock, sleep=clock.sleep)
    pacer.wait_turn("a.org")
    pacer.wait_turn("a.org")
    pacer.wait_turn("b.org")
    clock.now += 2
    pacer.wait_turn("a.org")
    assert clock.slept == [0.5]


def test_a_crawl_delay_slower_than_the_rate_wins() -> None:
    clock = Clock()
    pacer = Pacer(0.1, clock=clock, sleep=clock.sleep)
    pacer.slow_down("a.org", 2.0)
    pacer.slow_down("a.org", 0.5)  # a faster one changes nothing
    pacer.wait_turn("a.org")
    pacer.wait_turn("a.org")
    assert clock.slept == [2.0]


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after("7") == 7.0
    soon = retry_after(formatdate(timeval=None, usegmt=True))
    assert soon is not None and 0 <= soon < 2
    assert retry_after(None) is None and retry_after("soon") is None


@pytest.mark.parametrize(
    "bad",
    [{"rate": 0}, {"max_failures": 1.5}, {"languages": ("de",)}, {"languages": ()}, {"timeout": 0}],
)
def test_settings_refuse_what_cannot_be_meant(bad: dict) -> None:
    with pytest.raises(ValueError):
        FetchSettings(**bad)
