"""Who a beacon comes from, without cookies or stored personal data, and whether it counts.

The visitor key is sha256(day's salt, IP address, User-Agent, site id), as privacy-first analytics
compute it: the same browser on the same network is the same visitor for a day, and nothing
stored can be turned back into an address. Known crawlers, uptime monitors and link previewers
(the maintained list of the ``crawlerdetect`` package) and prefetches do not count.
"""

import hashlib
import secrets
from datetime import date
from functools import lru_cache

from crawlerdetect import CrawlerDetect
from django.db import IntegrityError

from congtin.clients import client_address

_detector = CrawlerDetect()


@lru_cache(maxsize=20_000)
def is_bot(user_agent: str) -> bool:
    """A crawler, monitor or previewer by its User-Agent (an empty one counts as a bot)."""
    return not user_agent.strip() or _detector.isCrawler(user_agent)


def is_prefetch(meta) -> bool:
    """A request the browser made ahead of the reader (prefetch, prerender not yet shown)."""
    purpose = f"{meta.get('HTTP_SEC_PURPOSE', '')} {meta.get('HTTP_PURPOSE', '')}".lower()
    return "prefetch" in purpose or "prerender" in purpose


def client_ip(meta, behind_proxy: bool) -> str:
    """The reader's address (congtin.clients: our proxy's X-Forwarded-For entry behind one)."""
    return client_address(meta, behind_proxy)


def visitor_key(salt: str, ip: str, user_agent: str, site_id: int) -> str:
    data = f"{salt}\n{ip}\n{user_agent}\n{site_id}".encode("utf-8", "replace")
    return hashlib.sha256(data).hexdigest()


_salts: dict[date, str] = {}


def salt_of(day: date) -> str:
    """The day's salt, shared by every worker through the database, made on first use."""
    salt = _salts.get(day)
    if salt is None:
        from congtin.visits.models import DailySalt

        try:
            salt = DailySalt.objects.get_or_create(
                day=day, defaults={"salt": secrets.token_hex(32)}
            )[0].salt
        except IntegrityError:  # another worker made it at the same moment
            salt = DailySalt.objects.get(day=day).salt
        _salts.clear()
        _salts[day] = salt
    return salt
