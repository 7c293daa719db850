"""Which sources the course refuses to cite, and why: the bibliography's quality rules.

A history teacher must be able to defend every citation. ``data/sources.csv`` gives each
source a tier (primary, memoir, scholarly, press, reference; see ``data/README.md``) and
:func:`refusal` names the kinds of page that never stay: forums and reposts, personal blogs,
homework and essay services, lyrics and Q&A sites, aggregators and content farms (including
local sites that only syndicate a wire story), partisan, propaganda or advocacy outlets, Wikipedia
mirrors, staging or test hosts, bare IP addresses, dead services, and shop listings in place of the
work. ``python -m crisislab.source_policy`` prints every kind with its hosts and patterns;
``tests/test_sources.py`` fails on any source that matches, and ``data/README.md`` names the kinds.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

# kind of refused page -> the hosts (a host and its subdomains) of that kind
REFUSED_HOSTS: dict[str, tuple[str, ...]] = {
    "forum, repost or document dump": (
        "docslib.org",
        "scribd.com",
        "studfiles.ru",
        "faqs.org",
        "corpora.tika.apache.org",
        "issuhub.com",
        "oocities.org",
        "realjock.com",
        "seenthis.net",
        "groupsforyou.com",
        "roadrunnersinternationale.com",
        "rumble.com",
        "pimall.com",
        "heavenslie.com",
        "plague-rat.com",
        "pgs.kozow.com",
        "kenrahn.com",
        "walterlippmann.com",
        "wjcash.org",
        "sonsofcamelot.com",
        "realtime1960s.com",
        "thewall.fyi",
        "alligillis.com",
        "newslettercollector.nl",
        "ilovetranslation.com",
        "bguthriephotos.com",
        "cndsalisbury.org.uk",
        "fnl.mit.edu",
        "imra.org.il",
        "troyhistoricvillage.org",
    ),
    "personal blog or hobby site": (
        "blogspot.com",
        "wordpress.com",
        "typepad.com",
        "wixsite.com",
        "pixnet.net",
        "bessettepitney.net",
        "chapsgs.com",
        "conelrad.com",
        "dontknowmuch.com",
        "eprisner.de",
        "flightfromperfection.com",
        "azlansmith.com",
        "avioblog.it",
        "jimrasenberger.com",
        "dennishouse.tv",
        "timespinnerpress.com",
        "blogit.utu.fi",
        "blog.nuclearsecrecy.com",
        "astronautix.com",
        "cubanmissilecrisis.org",
        "cubacrisis.net",
        "historyofcuba.com",
        "historycentral.com",
        "militaryhistories.co.uk",
        "weaponsandwarfare.com",
        "navalhistorytoday.net",
        "themilitarystandard.com",
        "psychologyandsociety.com",
        "translatinghistory.org",
    ),
    "homework, essay or tutoring service": (
        "studymode.com",
        "globalhomeworkexperts.com",
        "wyzant.com",
        "factmonster.com",
        "alphahistory.com",
        "awesomestories.com",
        "findingdulcinea.com",
    ),
    "lyrics site": ("muztext.com", "lyrics.com", "genius.com", "azlyrics.com"),
    "Q&A site": (
        "answers.com",
        "quora.com",
        "stackexchange.com",
        "reddit.com",
        "yahoo.com/answers",
    ),
    "aggregator or content farm": (
        "devdiscourse.com",
        "breakinglatest.news",
        "headtopics.com",
        "newsgram.com",
        "news-pravda.com",
        "quickdigest.app",
        "sentiment-insight.com",
        "factsnippet.com",
        "articles.media",
        "worldhistoryproject.org",
        "3quarksdaily.com",
        "newstracklive.com",
        "urdupoint.com",
        "weeklyblitz.net",
        "dailypost27.com",
        "democraticworld.in",
        "eghnews.com",
        "news.prai.co",
        "researcher.life",
        "newser.com",
        "thereport.live",
        "focuswashington.com",
        "freshnewsasia.com",
        "goodnewsagency.ir",
        "retronewser.com",
        "todaychina.cc",
        "blitzquotidiano.it",
        "forth.news",
        "strategicstudyindia.com",
        "watchingamerica.com",
        "wn.com",
        "news.az",
        "webstories.news18.com",
        "cash.ch",
        "anews.com.tr",
        "kltv.com",
        "kesq.com",
        "cp24.com",
        "unionleader.com",
        "ca.sports.yahoo.com",
        "news.yahoo.com",
        "ecoi.net",
        "censor.net",
        "uawire.org",
        "ljworld.com",
        "cubanet.org",
        "csef.ru",
        "polishnews.co.uk",
        "homelandsecuritynewswire.com",
        "ksaplayers.com",
        "ktar.com",
        "ktvb.com",
        "nbcwashington.com",
        "nepm.org",
        "wusfnews.wusf.usf.edu",
    ),
    "partisan, propaganda or advocacy outlet": (
        "breitbart.com",
        "dailycaller.com",
        "theepochtimes.com",
        "sputniknews.com",
        "rt.com",
        "pravda.ru",
        "antiwar.com",
        "missiledefenseadvocacy.org",
        "promoteukraine.org",
        "pndnsw.org.au",
    ),
    "Wikipedia mirror or copy": (
        "wikimili.com",
        "wikiwand.com",
        "liquisearch.com",
        "wikisum.wiki",
        "en-academic.com",
        "iiab.me",
        "classicistranieri.com",
        "clateway.com",
        "xn--h1ajim.xn--p1ai",
        "wikiquote.org",
        "profilbaru.com",
        "profilpelajar.com",
    ),
    "staging or test host": (
        "dvincitest.com",
        "drivingcreative.com",
        "gbdev.diplomacy.edu",
        "pangea-cms.com",
        "staging.",
        "test.",
    ),
    "dead service": ("questia.com",),
    "bookshop or listing, not the work": ("barnesandnoble.com", "amazon.", "books.google."),
}
# kind of refused page -> patterns matched against the whole address
REFUSED_PATTERNS: dict[str, tuple[str, ...]] = {
    "bare IP address": (r"^https?://\d{1,3}(\.\d{1,3}){3}(:\d+)?(/|$)",),
    "staging or test host": (r"^https?://(staging|test|dev|qa)[.-]", r"^https?://[^/]*\bdev\."),
}


def host(url: str) -> str:
    """The host of an address, lower case, without ``www.`` or a trailing dot."""
    name = (urlparse(url).hostname or "").lower().rstrip(".")
    return name.removeprefix("www.")


def refusal(url: str) -> str | None:
    """The kind of refused page an address is (e.g. ``"Wikipedia mirror or copy"``), or None."""
    url = (url or "").strip()
    if not url:
        return None
    name = host(url)
    if name == "web.archive.org":  # an archived copy is judged by the page it copies
        inner = re.search(r"/web/[^/]*/(.+)$", url)
        if inner and inner.group(1).startswith("http"):
            return refusal(inner.group(1))
    whole = name + urlparse(url).path.lower()
    for kind, hosts in REFUSED_HOSTS.items():
        for entry in hosts:
            if entry.endswith("."):  # a prefix such as "staging." or "amazon."
                if name.startswith(entry) or f".{entry}" in f".{name}":
                    return kind
            elif "/" in entry:
                if whole.startswith(entry) or whole.endswith(entry):
                    return kind
            elif name == entry or name.endswith("." + entry):
                return kind
    # patterns after the named hosts, so that e.g. qa.answers.com is a Q&A site, not a QA host
    for kind, patterns in REFUSED_PATTERNS.items():
        if any(re.search(p, url, re.I) for p in patterns):
            return kind
    return None


STRONG_TIERS = ("primary", "memoir", "scholarly")


if __name__ == "__main__":  # print the refused kinds with their hosts and patterns
    for kind, hosts in REFUSED_HOSTS.items():
        print(f"{kind}: {', '.join(hosts)}")
    for kind, patterns in REFUSED_PATTERNS.items():
        print(f"{kind} (patterns): {'  '.join(patterns)}")
