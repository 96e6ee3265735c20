"""URLs as evidence: fetched concurrently, politely and behind the SSRF guard."""

from __future__ import annotations

import asyncio
import re
import time
from typing import NamedTuple

import httpx

from launch_gate.gather.evidence.budget import Budget
from launch_gate.gather.evidence.settings import Settings
from launch_gate.gather.evidence.ssrf import Guard, Refused, Resolver, Target
from launch_gate.gather.evidence.wire import ADDRESS, Wire, trusted
from launch_gate.judge.evidence import EvidenceResult, State

REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "launch-gate (evidence check; +https://github.com/launch-gate/launch-gate)"
# identity: the sign-in check reads the start of a body as the server sent it, and a
# compressed one would need inflating first (a zip bomb's way in).
HEADERS = {"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "identity"}
_PREFIX = "launch_gate.body_prefix"
_PREFIX_BYTES = 16 * 1024
# Servers that refuse HEAD (or guard it) often answer GET fine.
HEAD_REFUSED = frozenset({403, 405, 501})
# Private or rate-limited: the link may be fine, we just cannot see it.
UNREACHABLE = frozenset({401, 403, 407, 429})


# Path segments of sign-in pages: SSO portals, identity providers, wikis' login walls.
_SIGN_IN = re.compile(
    r"(?i)^(log-?in|sign-?in|sso|saml2?|oauth2?|auth|authorize|authenticate|cas|adfs|idp)$"
)
# A password field: the page asks who you are rather than showing the evidence.
_PASSWORD_FIELD = re.compile(rb"(?i)<input[^>]+type\s*=\s*[\"']?password")
SIGN_IN = "redirected to a sign-in page"
OTHER_HOST = "redirected to another host (often a sign-in page); link the page itself"


def sign_in_page(start: httpx.URL, final: httpx.URL, body: bytes) -> str | None:
    """Why a 2xx answer is a login wall rather than the evidence, or None: it ended on a
    sign-in path or shows a password field, or it ended on another host than it began."""

    def site(host: str) -> str:
        return host.lower().removeprefix("www.")

    if any(_SIGN_IN.match(part) for part in final.path.split("/")):
        return SIGN_IN
    if _PASSWORD_FIELD.search(body):
        return SIGN_IN
    if site(final.host) != site(start.host):
        return OTHER_HOST
    return None


class Answer(NamedTuple):
    state: State
    reason: str
    # Seconds to wait before the one retry, or None when retrying is pointless.
    retry: float | None = None


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host.lower(), url.port)


class HttpChecker:
    def __init__(
        self,
        settings: Settings,
        *,
        guard: Guard | None = None,
        transport: Wire | None = None,
    ) -> None:
        self.settings = settings
        self.guard = guard or Guard(allow_private_hosts=settings.allow_private_hosts)
        # No httpx client: it adds a cookie jar, auth and redirect handling per request,
        # none of which a link check wants. The transport connects only to the address
        # the guard checked; no proxy, no ~/.netrc, no environment is read.
        self.transport = transport or Wire(trusted)
        # Only a connection has its own timeout (a refused or silent server is retried
        # once); the rest of a request is bounded by its budget, across hops and reads.
        self.timeouts = {"connect": settings.timeout}
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.resolver = Resolver(settings.timeout)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def check(self, item: str) -> EvidenceResult:
        try:
            url = httpx.URL(item)
        except httpx.InvalidURL as exc:
            return EvidenceResult(item, "url", "broken", f"not a valid URL ({exc})")
        answer = await self._follow(url)
        if answer.retry is not None:
            await asyncio.sleep(answer.retry)
            answer = await self._follow(url)
        return EvidenceResult(item, "url", answer.state, answer.reason)

    async def download(self, url: str, limit: int) -> tuple[int, bytes]:
        """GET a signed URL (an artifact's zip) with no credential of ours, through the SSRF
        guard at every hop, keeping at most `limit` bytes of the body: the status and the
        bytes (`limit + 1` of them means larger than allowed). Raises `Refused`,
        httpx.HTTPError or TimeoutError, which the caller words."""
        target = httpx.URL(url)
        # Large files take longer than a page: ten request timeouts for the whole transfer.
        async with asyncio.timeout(self.settings.timeout * 10):
            for _hop in range(self.settings.max_redirects + 1):
                checked = await self.guard.check(target, self.resolver)
                request = httpx.Request(
                    "GET",
                    target,
                    headers={**HEADERS},
                    extensions={"timeout": self.timeouts, ADDRESS: checked.address},
                )
                response = await self.transport.handle_async_request(request)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECTS and location:
                        target = target.join(location).copy_with(fragment=None)
                        continue
                    body = bytearray()
                    async for chunk in response.aiter_raw():
                        body += chunk
                        if len(body) > limit:
                            break
                    return response.status_code, bytes(body[: limit + 1])
                finally:
                    await response.aclose()
        raise Refused(f"more than {self.settings.max_redirects} redirects", broken=True)

    async def _follow(self, url: httpx.URL) -> Answer:
        # One budget for every hop and body read: httpx's timeout is per read.
        budget = Budget(self.settings.timeout)
        start = url
        # The header belongs to the origin the link names: once a redirect leaves it, no
        # later hop carries it, even one that comes back.
        credential = self._credential(url)
        for _hop in range(self.settings.max_redirects + 1):
            if credential is not None and _origin(url) != _origin(start):
                credential = None
            got = await self._attempt(url, budget, credential)
            if isinstance(got, Answer):
                return got
            location = got.headers.get("location")
            if got.status_code not in REDIRECTS or not location:
                answer = self._judge(got)
                wall = sign_in_page(start, url, got.extensions.get(_PREFIX, b""))
                if answer.state == "ok" and wall:
                    # Most wikis and dashboards answer 200 with their login page.
                    return Answer("unreachable", wall)
                return answer
            try:
                url = url.join(location).copy_with(fragment=None)
            except httpx.InvalidURL:
                return Answer("broken", "a redirect to an invalid URL")
        return Answer("broken", f"more than {self.settings.max_redirects} redirects")

    def _credential(self, url: httpx.URL) -> tuple[str, str] | None:
        """The header the workflow named for this exact origin: https, its host, its port."""
        found = self.settings.credentials.get(url.host.lower())
        if found is None or url.scheme != "https" or (url.port or 443) != found.port:
            return None
        return (found.header, found.value)

    async def _attempt(
        self, url: httpx.URL, budget: Budget, credential: tuple[str, str] | None = None
    ) -> httpx.Response | Answer:
        """One hop: guard it, then fetch it; failures come back as an Answer."""
        try:
            target = await self.guard.check(url, self.resolver)
            return await self._fetch(target, budget, credential)
        except Refused as exc:
            return Answer("broken" if exc.broken else "unreachable", exc.reason)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            return Answer("unreachable", f"cannot connect to {url.host}", self._pause(None))
        except (httpx.TimeoutException, TimeoutError):
            return Answer("unreachable", f"timed out after {self.settings.timeout:g} s")
        except httpx.HTTPError as exc:
            return Answer("unreachable", f"{type(exc).__name__} from {url.host}")

    def _judge(self, response: httpx.Response) -> Answer:
        status = response.status_code
        if 200 <= status < 300:
            return Answer("ok", "")
        reason = f"HTTP {status}"
        if status == 429 or status >= 500:
            return Answer("unreachable", reason, self._pause(response.headers.get("retry-after")))
        if status in UNREACHABLE:
            return Answer("unreachable", reason)
        return Answer("broken", reason)

    def _pause(self, retry_after: str | None) -> float:
        cap = self.settings.retry_after_cap
        if retry_after is None:
            return min(0.5, cap)
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            import email.utils  # only for a date; the email package costs every run 4 ms

            when = email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError):
            return min(0.5, cap)
        return max(0.0, min(when - time.time(), cap))

    async def _fetch(
        self, target: Target, budget: Budget, credential: tuple[str, str] | None = None
    ) -> httpx.Response:
        host = target.url.host
        per_host = self.hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        # The host slot first: waiting for a busy host must not hold a global slot.
        # The budget runs only while both are held: queueing is not the server's fault.
        async with per_host, self.slots, budget.spend():
            response = await self._send("HEAD", target, credential)
            if response.status_code in HEAD_REFUSED:
                response = await self._send("GET", target, credential)
            return response

    async def _send(
        self, method: str, target: Target, credential: tuple[str, str] | None = None
    ) -> httpx.Response:
        url = target.url
        headers = dict(HEADERS)
        if credential is not None:
            headers[credential[0]] = credential[1]
        # The URL keeps the real host (the Host header, and TLS: SNI and the certificate);
        # the connection goes to the address the guard checked, never to a new lookup.
        request = httpx.Request(
            method,
            url,
            headers=headers,
            extensions={"timeout": self.timeouts, ADDRESS: target.address},
        )
        response = await self.transport.handle_async_request(request)
        plain = response.headers.get("content-encoding", "identity").lower() == "identity"
        prefix = bytearray()
        try:
            read = 0
            # Read to the end even for HEAD (no body): only a response read to its
            # end returns its connection to the pool; closing one early drops it.
            # Raw bytes: a compressed body must not be inflated past the cap.
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if plain and len(prefix) < _PREFIX_BYTES:
                    prefix += chunk[: _PREFIX_BYTES - len(prefix)]
                if read >= self.settings.max_body:
                    break
        finally:
            await response.aclose()
        # What the sign-in check reads (a GET's uncompressed start; HEAD has none).
        response.extensions[_PREFIX] = bytes(prefix)
        return response
