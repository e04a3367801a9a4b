"""Sign-in and sign-out of a staff member: server login, keyring, encrypted cache, offline access.

Part of the composition root (like ``bootstrap``): it builds the engines a session runs on. Every
call blocks (network, scrypt, SQLite); the UI runs them on its task runner, never the GUI thread.

Online, the server checks the password and row-level security decides what the session sees.
Offline (server unreachable, or it does not speak TLS as required), a person who signed in online
at this PC before signs in against the Argon2id verifier kept from then and works in their
encrypted cache. Each staff member has their own cache file per server, so a shared classroom PC
never shows one person's slice to another.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.bootstrap import Services, build_services
from app.cache_upgrade import upgrade_local_cache
from app.db import migrate, urls
from app.db.cache_prune import prune_cache
from app.db.engine import (
    CACHE_KEY_BYTES,
    CacheLocked,
    check_cache_key,
    cut_server_engine,
    make_local_engine,
    workstation_server_engine,
)
from app.db.login import (
    AccountDisabled,
    ServerUnreachable,
    StaffIdentity,
    TlsMismatch,
    fetch_identity,
)
from app.db.writer_turn import LOCK_FILE_SUFFIXES
from app.domain.actor import Actor
from app.domain.enums import Role
from app.domain.errors import DomainError, NotAllowed, ValidationError
from app.domain.server_profile import ServerProfile
from app.domain.validation import check_username
from app.infra.accounts import (
    AccountRegistry,
    LocalAccount,
    SealBroken,
    new_device_id,
    seal_is_current,
    unwrap_key,
    wrap_key,
)
from app.infra.clock import Clock, SystemClock
from app.infra.credentials import (
    CredentialStore,
    KeyringStatus,
    check_verifier,
    make_verifier,
    verifier_is_current,
)
from app.sync.engine import Progress, SyncConfig, SyncEngine
from app.sync.local import LocalStore
from app.sync.server import ServerStore
from app.sync.status import describe_failure
from app.sync.worker import WORKER_CONFIG, CycleJob

if TYPE_CHECKING:
    from app.desk_sync import DeskSync

log = logging.getLogger(__name__)


def session_server_engine(profile: ServerProfile, username: str, password: str) -> Engine:
    """The staff login's engine for a session (the desk, ``rollbook sync``): row-level security
    applies; no server connection is kept between uses, so a desk between sync cycles holds
    none (a cycle holds one, closed at its end), and nothing is prepared on the server, so it
    works unchanged behind a transaction-pooling PgBouncer (README)."""
    return workstation_server_engine(
        urls.login_url(profile, username, password, application_name="rollbook")
    )


class NoOfflineAccess(DomainError):
    """The server is unreachable and this person never signed in online at this PC."""


@dataclass(eq=False)
class Session:
    """A signed-in staff member: the services the UI calls and what the status bar shows.

    The services always work on the encrypted cache (local-first); ``server`` is the staff
    login's connection while online, used by sync and staff management. ``SignInService.
    reconnect`` turns an offline session online when the server answers again."""

    profile: ServerProfile
    account: LocalAccount
    actor: Actor
    services: Services
    online: bool
    notice: str | None  # why the session is offline, or what changed on the cache
    cache: Engine
    server: Engine | None
    identity: StaffIdentity | None = None  # what the server said at this sign-in (online)
    password: str = field(default="", repr=False)  # in memory only: to reconnect after offline
    offline_reason: str | None = None  # plain words: why the last reconnect found no server
    cache_key: bytes | None = field(default=None, repr=False)  # in memory only: for the worker

    @property
    def label(self) -> str:
        return f"{self.actor.username} · {self.profile.label}"

    def sync_engine(
        self,
        facilities: frozenset[uuid.UUID] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        config: SyncConfig | None = None,
    ) -> SyncEngine:
        """The sync engine of this session's cache, as this login. The slice is ``facilities``
        the first time (default: every facility the account may see), then as recorded.

        Raises ``ServerUnreachable`` offline."""
        slice_ = self.sync_slice(facilities)
        assert self.server is not None
        return SyncEngine(
            LocalStore(self.cache),
            ServerStore(self.server),
            device_id=self.account.device_id,
            facilities=slice_,
            client_revision=migrate.head_revision(),
            known_revisions=migrate.known_revisions(),
            config=config,
            progress=progress,
            cancel=cancel,
        )

    def sync_job(
        self, facilities: frozenset[uuid.UUID] | None = None, *, config: SyncConfig | None = None
    ) -> CycleJob:
        """What the sync worker process needs for one cycle of this session (the desk's way:
        ``app.sync.worker``): the cache file and its key, the login's URL with its password.
        Sent through the worker's pipe only. Raises ``ServerUnreachable`` offline."""
        slice_ = self.sync_slice(facilities)
        assert self.server is not None
        database = self.cache.url.database
        if not database or database == ":memory:":
            raise ValueError("a sync worker needs a cache file")
        return CycleJob(
            cache_path=database,
            server_url=self.server.url.render_as_string(hide_password=False),
            device_id=self.account.device_id,
            facilities=slice_,
            client_revision=migrate.head_revision(),
            known_revisions=migrate.known_revisions(),
            cache_key=self.cache_key,
            config=config or WORKER_CONFIG,
        )

    def sync_slice(self, facilities: frozenset[uuid.UUID] | None = None) -> frozenset[uuid.UUID]:
        """The facilities this session syncs: ``facilities`` the first time (default: every
        facility the account may see), then as recorded; never more than the account may see.
        Raises ``ServerUnreachable`` offline."""
        if self.server is None or self.identity is None:
            raise ServerUnreachable("Working offline: sync resumes when the server is reachable.")
        local = LocalStore(self.cache)
        recorded = local.get("facilities")
        if recorded:
            slice_ = frozenset(uuid.UUID(f) for f in recorded.split(","))
        else:
            slice_ = facilities or self.identity.facility_ids
            outside = slice_ - self.identity.facility_ids
            if outside:
                raise NotAllowed("Your account may not see some of the facilities asked for.")
            local.put_many(facilities=",".join(sorted(str(f) for f in slice_)))
        return slice_ & self.identity.facility_ids

    def interrupt(self) -> None:
        """From the GUI thread, at sign-out: cut this session's server connections so a sync
        blocked on a hung server fails at once, and refuse new ones. Never waits."""
        if self.server is not None:
            cut_server_engine(self.server)

    def close(self) -> None:
        """Release the files and connections; nothing is written."""
        self.cache.dispose()
        if self.server is not None:
            self.server.dispose()


class SignInService:
    """Signs staff in and out on this workstation; owns its accounts file and cache folder."""

    def __init__(
        self,
        credentials: CredentialStore,
        folder: Path,
        clock: Clock | None = None,
    ) -> None:
        self._credentials = credentials
        self._folder = folder
        self._accounts = AccountRegistry(folder / "accounts.json")
        self._clock = clock or SystemClock()

    @property
    def caches_dir(self) -> Path:
        return self._folder / "caches"

    def keyring_status(self) -> KeyringStatus:
        return self._credentials.status()

    def remembered_password(self, profile: ServerProfile, username: str) -> str | None:
        return self._credentials.load_password(profile.key, username.strip())

    def known_account(self, profile: ServerProfile, username: str) -> LocalAccount | None:
        return self._accounts.get(profile.key, username.strip())

    def sign_in(
        self, profile: ServerProfile, username: str, password: str, *, remember: bool
    ) -> Session:
        """Sign in online, or offline when the server cannot be reached (see module doc).

        Raises ``ValidationError`` (bad input), ``NotAllowed`` (wrong password),
        ``AccountDisabled`` (this account's data on this PC is then removed), ``CacheLocked``,
        ``NoOfflineAccess`` or ``KeyringUnavailable``; each message is fit to show.
        """
        login = check_username(username)
        if not password:
            raise ValidationError("Enter your password.", field="password")
        server = session_server_engine(profile, login, password)
        try:
            identity = fetch_identity(server)
        except (ServerUnreachable, TlsMismatch) as err:
            server.dispose()
            return self._sign_in_offline(profile, login, password, reason=str(err))
        except AccountDisabled:
            server.dispose()
            self.wipe(profile, login)
            raise
        except NotAllowed:
            server.dispose()
            # A remembered password the server refuses is stale: stop offering it.
            self._credentials.forget(profile.key, login)
            raise
        except BaseException:
            server.dispose()
            raise
        try:
            return self._sign_in_online(profile, login, password, identity, server, remember)
        except BaseException:
            server.dispose()
            raise

    def sign_in_here(self, profile: ServerProfile, username: str, password: str) -> Session:
        """Open this computer's cache of an account without asking the server: for work that
        never needs it (a transfer file on a workstation with no network), so nothing waits
        for a connection that cannot come. The password is checked against the last sign-in
        on this computer. Raises as ``sign_in`` does offline."""
        login = check_username(username)
        if not password:
            raise ValidationError("Enter your password.", field="password")
        return self._sign_in_offline(
            profile, login, password, reason="Transfer files are opened without the server."
        )

    def reconnect(self, session: Session) -> bool:
        """Try to bring an offline session online; True when it is online.

        Blocks on the network. On the way the cache is pruned to the scope the server reports.
        Raises ``AccountDisabled`` (this account's local data is then removed; sign out) or
        ``NotAllowed`` (the password changed on the server; sign in again)."""
        if session.server is not None:
            return True
        login = session.actor.username
        server = session_server_engine(session.profile, login, session.password)
        try:
            identity = fetch_identity(server)
        except (ServerUnreachable, TlsMismatch) as err:
            server.dispose()
            session.offline_reason = describe_failure(err).reason
            return False
        except AccountDisabled:
            server.dispose()
            session.close()
            self.wipe(session.profile, login)
            raise
        except BaseException:
            server.dispose()
            raise
        prune_cache(session.cache, identity)
        session.server, session.identity = server, identity
        session.offline_reason = None
        session.online = True
        account = session.account.with_online(
            self._clock.now(), identity.staff_id, identity.role.value
        )
        self._accounts.put(account)
        session.account = account
        return True

    def sign_out(self, session: Session, *, forget_password: bool) -> None:
        """Close the session; with ``forget_password`` the keyring no longer holds it.

        The cache and its key stay, so the person can sign in offline here again."""
        session.close()
        if forget_password:
            self._credentials.forget(session.profile.key, session.actor.username)

    def syncing(self, session: Session) -> DeskSync:
        """The desk's background sync of ``session`` (its own worker process)."""
        from app.desk_sync import DeskSync

        return DeskSync(self, session)

    def forget_password(self, session: Session) -> None:
        """The keyring no longer offers this session's password (sign out and forget)."""
        self._credentials.forget(session.profile.key, session.actor.username)

    def wipe(self, profile: ServerProfile, username: str) -> bool:
        """Remove everything of this account on this PC: cache, keys, password, verifier."""
        account = self._accounts.get(profile.key, username)
        self._credentials.forget(profile.key, username)
        self._credentials.forget_cache_key(profile.key, username)
        if account is None:
            return False
        for suffix in ("", "-wal", "-shm", *LOCK_FILE_SUFFIXES):
            (self.caches_dir / f"{account.cache_file}{suffix}").unlink(missing_ok=True)
        self._accounts.remove(profile.key, username)
        log.info("removed the local data of a disabled account from this workstation")
        return True

    # -- online -----------------------------------------------------------------------------

    def _sign_in_online(
        self,
        profile: ServerProfile,
        login: str,
        password: str,
        identity: StaffIdentity,
        server: Engine,
        remember: bool,
    ) -> Session:
        keyring_ok = self._credentials.status().available
        account = self._accounts.get(profile.key, login)
        notice = None
        key: bytes | None = None
        if account is not None:
            key = self._stored_key(profile, account, password)
            if key is None:
                notice = self._set_aside(account, "its key is gone (password changed?)")
                account = None
        if account is None:
            key = os.urandom(CACHE_KEY_BYTES)
            account = _new_account(profile, login)
            if keyring_ok:
                self._credentials.save_cache_key(profile.key, login, key)
        assert key is not None
        cache = self._open_cache(account, key)
        if cache is None:
            notice = self._set_aside(account, "it could not be opened with its key")
            account = _new_account(profile, login)
            cache = self._open_cache(account, key)
            assert cache is not None
        try:
            removed = prune_cache(cache, identity)
        except BaseException:
            cache.dispose()
            raise
        if removed:
            notice = "Removed from this computer what your account may no longer see."
            log.info("cache pruned to the account's scope: %s", removed)
        account = account.with_online(self._clock.now(), identity.staff_id, identity.role.value)
        account = _with_secrets(account, password, None if keyring_ok else key)
        self._accounts.put(account)
        if remember and keyring_ok:
            self._credentials.save_password(profile.key, login, password)
        else:
            self._credentials.forget(profile.key, login)
        actor = Actor(username=login, role=identity.role, device_id=account.device_id)
        return Session(
            profile=profile,
            account=account,
            actor=actor,
            services=build_services(cache, actor, self._clock, server=server),
            online=True,
            notice=notice,
            cache=cache,
            server=server,
            identity=identity,
            password=password,
            cache_key=key,
        )

    # -- offline ----------------------------------------------------------------------------

    def _sign_in_offline(
        self, profile: ServerProfile, login: str, password: str, *, reason: str
    ) -> Session:
        account = self._accounts.get(profile.key, login)
        if account is None or not account.verifier:
            raise NoOfflineAccess(
                f"{reason} You have not signed in on this computer before, so Rollbook cannot "
                "check your password without the server. Try again when the server is reachable."
            )
        if not check_verifier(password, account.verifier):
            raise NotAllowed(
                "The password is wrong (checked against your last sign-in on this computer, "
                "because the server cannot be reached)."
            )
        key = self._stored_key(profile, account, password)
        if key is None and account.wrapped_key:
            raise CacheLocked(
                "The key of your local data, kept sealed on this computer, does not open: it "
                "was altered. Sign in when the server is reachable to start a fresh copy; "
                "nothing was deleted."
            )
        if key is None:
            raise CacheLocked(
                "The key of your local data is missing from this computer's keyring. Sign in "
                "when the server is reachable to start a fresh copy; nothing was deleted."
            )
        cache = self._open_cache(account, key)
        if cache is None:
            raise CacheLocked(
                "Your local data on this computer cannot be opened with the key in this "
                "computer's keyring. Nothing was deleted. Sign in when the server is reachable."
            )
        account = self._renew_secrets(account, password, key)
        role = Role(account.role) if account.role else Role.INSTRUCTOR
        actor = Actor(username=login, role=role, device_id=account.device_id)
        last = _instant(account.last_online_at) if account.last_online_at else "never"
        return Session(
            profile=profile,
            account=account,
            actor=actor,
            services=build_services(cache, actor, self._clock),
            online=False,
            notice=f"Working offline: {reason} Last online sign-in here: {last}.",
            cache=cache,
            server=None,
            password=password,
            cache_key=key,
        )

    # -- the cache ------------------------------------------------------------------------------

    def _stored_key(
        self, profile: ServerProfile, account: LocalAccount, password: str
    ) -> bytes | None:
        if account.wrapped_key:
            if not check_verifier(password, account.verifier):
                return None  # the password changed since: the old wrapping cannot be opened
            try:
                return unwrap_key(account.wrapped_key, password)
            except SealBroken as err:  # altered on disk: refused, never a wrong key
                log.warning("the sealed cache key does not open: %s", err)
                return None
        return self._credentials.load_cache_key(profile.key, account.username)

    def _renew_secrets(self, account: LocalAccount, password: str, key: bytes) -> LocalAccount:
        """An account kept in an older format (scrypt verifier, unauthenticated seal) or at a
        lower cost is written again in today's, now that the password has been checked."""
        current = verifier_is_current(account.verifier) and (
            account.wrapped_key is None or seal_is_current(account.wrapped_key)
        )
        if current:
            return account
        renewed = _with_secrets(account, password, key if account.wrapped_key else None)
        self._accounts.put(renewed)
        log.info("offline sign-in secrets of %s renewed to the current format", account.username)
        return renewed

    def _open_cache(self, account: LocalAccount, key: bytes) -> Engine | None:
        """The account's cache, upgraded to the current schema; ``None`` if the key is wrong."""
        self.caches_dir.mkdir(parents=True, exist_ok=True)
        engine = make_local_engine(self.caches_dir / account.cache_file, key)
        try:
            check_cache_key(engine)
        except CacheLocked:
            return None
        try:
            # Copied aside first and checked after: pending changes survive an upgrade.
            upgrade_local_cache(engine)
        except BaseException:
            engine.dispose()
            raise
        return engine

    def _set_aside(self, account: LocalAccount, why: str) -> str:
        """Keep an unreadable cache file under another name rather than delete it."""
        stamp = self._clock.now().strftime("%Y%m%dT%H%M%S")
        source = self.caches_dir / account.cache_file
        if source.exists():
            shutil.move(source, source.with_name(f"{source.name}.set-aside-{stamp}"))
            for suffix in ("-wal", "-shm", *LOCK_FILE_SUFFIXES):
                source.with_name(source.name + suffix).unlink(missing_ok=True)
        log.warning("local cache set aside: %s", why)
        return (
            f"Your previous local data on this computer was set aside ({why}); a fresh copy starts."
        )


def _new_account(profile: ServerProfile, login: str) -> LocalAccount:
    """A fresh account of ``login`` on ``profile``'s server: a new device and cache file, no
    secrets yet."""
    return LocalAccount(
        server=profile.key,
        username=login,
        device_id=new_device_id(),
        cache_file=f"{new_device_id()}.rbcache",
        verifier="",
    )


def _with_secrets(account: LocalAccount, password: str, key_to_wrap: bytes | None) -> LocalAccount:
    return replace(
        account,
        verifier=make_verifier(password),
        wrapped_key=wrap_key(key_to_wrap, password) if key_to_wrap is not None else None,
    )


def _instant(iso: str) -> str:
    """An ISO instant as people read it, saying its clock (no facility is known here)."""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%a %d %b %Y %H:%M UTC")
