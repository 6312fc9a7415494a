"""`somevahti export UHKA-…`: an evidence report of one threat incident for a police report.

Writes `<ref>.md` and `<ref>.html` into the output folder (readable by the owner only):
the record, the reported message verbatim, the screenshots with their SHA-256 (checked
again against the stored bytes), and the timeline in UTC and Europe/Helsinki. The HTML
is self-contained: the screenshots are embedded as data: URIs and a Content-Security-
Policy forbids anything else, so the file can be attached and opened anywhere offline.

People are shown by the name and title stored in the report when it was made and acted on
(`details["people"]`, from Slack profiles; kept when someone is later renamed or removed), always
with their Slack id; anyone without a stored name is looked up now (`users.info`), and without a
connection the id alone is shown.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import html
import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.db import Database
from bot.directory import Directory
from bot.errors import ConfigError
from escalation import threats
from escalation.clock import Clock
from escalation.models import AuditLog
from escalation.threats import Snapshot
from escalation.vocabulary import DEFAULT_TIMEZONE
from texts.format import platform_name

LANG = "fi"  # the report is for the Finnish police
HELSINKI = DEFAULT_TIMEZONE  # the police report states local times in Finland
# Only these are embedded as images, detected from the bytes themselves (never from a name).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STATUS = {"open": "avoin (ei kuitattu)", "acknowledged": "kuitattu, käsittelyssä", "resolved": "suljettu"}
EVENTS = {
    "created": "teki ilmoituksen",
    "acknowledged": "kuittasi",
    "resolved": "sulki ilmoituksen",
    "unacknowledged": "kukaan ei kuitannut, ylläpitäjille kerrottiin",
    "no_targets": "vastaanottajia ei ollut määritetty",
}


def image_type(content: bytes | None) -> str | None:
    if not content:
        return None
    for magic, mime in _MAGIC:
        if content.startswith(magic):
            return mime
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


def _names(settings: Settings, user_ids: set[str]) -> dict[str, str]:
    """Real names from Slack, best effort (a few seconds at most; ids are always shown)."""
    names: dict[str, str] = {}
    try:
        from slack_sdk import WebClient

        client = WebClient(token=settings.secret("slack_bot_token"), base_url=settings.slack_api_url, timeout=3)
        for uid in sorted(user_ids):
            try:
                user = client.users_info(user=uid).get("user") or {}
            except Exception:  # noqa: S112  (offline, unknown user, rate limit: ids are enough)
                continue
            name = (user.get("profile") or {}).get("real_name") or user.get("real_name") or user.get("name")
            if name:
                names[uid] = str(name)
    except Exception:  # noqa: S110  (no Slack at all: ids are enough)
        pass
    return names


class _People:
    """A person as the record names them: "Name, title (U…), role". The name and title stored with
    the report when it was made win (what they were called then, and kept when Slack forgets them);
    a live lookup only fills in people the report never got a name for."""

    def __init__(self, names: dict[str, str], roles: dict[str, str], stored: dict[str, dict] | None = None):
        self.names, self.roles, self.stored = names, roles, stored or {}

    def __call__(self, uid: str | None) -> str:
        if not uid:
            return "–"
        if uid == "system":
            return "Somevahti (automaattinen)"
        kept = self.stored.get(uid) or {}
        name = kept.get("name") or self.names.get(uid)
        title = kept.get("title")
        role = self.roles.get(uid)
        label = ", ".join(x for x in (name, title) if x)
        label = f"{label} ({uid})" if label else uid
        return f"{label}, {role}" if role else label


def _when(at: datetime | str | None) -> tuple[str, str]:
    """(Helsinki, UTC) as readable text."""
    if at is None:
        return "–", "–"
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    local = at.astimezone(ZoneInfo(HELSINKI))
    utc = at.astimezone(UTC)
    return local.strftime("%d.%m.%Y %H.%M.%S"), utc.strftime("%Y-%m-%d %H:%M:%S UTC")


def _both(at) -> str:
    local, utc = _when(at)
    return f"{local} (Suomen aikaa) / {utc}" if local != "–" else "–"


def _event_text(ev: dict, snap: Snapshot, who: _People) -> str:
    data = ev.get("data") or {}
    kind = ev["type"]
    if kind == "escalated":
        levels = snap.levels or []
        if data.get("reason") == "all_levels_now":
            targets = [x for lv in levels for x in lv["targets"]]
            prefix = "välitön vaara: tieto kaikille heti"
        else:
            level = data.get("level") or 0
            targets = levels[level]["targets"] if level < len(levels) else []
            prefix = "ei kuitattu määräajassa, tieto meni eteenpäin"
        return f"{prefix}: " + ", ".join(who(x["id"]) for x in targets)
    if kind == "forwarded":
        return f"välitti työsuojelupäällikölle: {who(data.get('to'))}"
    if kind == "police_report":
        return f"kirjasi rikosilmoituksen nro {data.get('number')} ({data.get('date')})"
    if kind == "resolved" and data.get("note"):
        return f"sulki ilmoituksen. Merkintä: {data.get('note')}"
    if kind == "delivery_failed":
        return f"viestiä ei saatu toimitettua: {who(data.get('to'))} ({data.get('error')})"
    return EVENTS.get(kind, kind)


def _record(snap: Snapshot, who: _People) -> list[tuple[str, str]]:
    d = snap.details
    sender = d.get("sender") or {}
    posted = (d.get("posted_at") or {}).get("utc")
    platform = d.get("platform")
    police = [
        f"nro {e['data'].get('number')}, {e['data'].get('date')} (kirjasi {who(e['actor'])})"
        for e in snap.events
        if e["type"] == "police_report"
    ]
    rows = [
        ("Tunnus", snap.ref),
        ("Tila", STATUS.get(snap.status, snap.status)),
        ("Välitön vaara", "kyllä" if snap.severity == "danger" else "ei"),
        ("Ilmoittaja", who(snap.reporter)),
        ("Ilmoitettu", _both(snap.created_at)),
        ("Palvelu", platform_name(LANG, platform) or "ei kerrottu"),
        ("Linkki viestiin", d.get("link") or "ei kerrottu"),
        ("Lähettäjä", sender.get("name") or "ei kerrottu"),
        ("Lähettäjän profiili", sender.get("link") or "ei kerrottu"),
        ("Viesti lähetetty", _both(posted) if posted else "ei kerrottu"),
        ("Keneen kohdistuu", d.get("target") or "ei kerrottu"),
        ("Tiedon saaneet", ", ".join(who(u) for u in snap.notified) or "–"),
        ("Kuitattu", f"{who(snap.owner)}, {_both(snap.acknowledged_at)}" if snap.acknowledged_at else "–"),
        ("Rikosilmoitus", "; ".join(police) or "–"),
        ("Suljettu", f"{who(snap.resolved_by)}, {_both(snap.resolved_at)}" if snap.resolved_at else "–"),
    ]
    if snap.resolution:
        rows.append(("Sulkemismerkintä", snap.resolution))
    return rows


def _files(snap: Snapshot, contents: dict[int, bytes | None]) -> list[dict]:
    out = []
    for i, f in enumerate(snap.files or [], 1):
        content = contents.get(f["id"])
        actual = hashlib.sha256(content).hexdigest() if content is not None else None
        if content is None:
            check = "kuvaa ei saatu tallennettua Slackista"
        elif f["sha256"] and actual == f["sha256"]:
            check = "tarkistettu: vastaa tallennettua"
        else:
            check = "EI VASTAA tallennettua tarkistussummaa"
        out.append({**f, "n": i, "content": content, "actual": actual, "check": check, "image": image_type(content)})
    return out


# -- Markdown ----------------------------------------------------------------------------


def _md_cell(value: str) -> str:
    value = str(value).replace("\\", "\\\\")
    for ch in "|*_`[]<>#":
        value = value.replace(ch, "\\" + ch)
    return value.replace("\r", "").replace("\n", "<br>")


def _fence(text: str) -> str:
    longest, run = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def markdown(snap: Snapshot, files: list[dict], who: _People, generated: datetime) -> str:
    ref = snap.ref
    lines = [
        f"# Todisteraportti {ref}",
        "",
        "Somevahti – uhkaavan viestin ilmoitus, Kokkolan kaupunki. Raportti on muodostettu Somevahdin "
        f"tallentamista tiedoista {_both(generated)}.",
        "",
        "## Ilmoitus",
        "",
        "| Tieto | Arvo |",
        "|---|---|",
    ]
    lines += [f"| {_md_cell(k)} | {_md_cell(v)} |" for k, v in _record(snap, who)]
    text = snap.details.get("text") or ""
    fence = _fence(text)
    lines += ["", "## Viesti sanasta sanaan", "", f"{fence}text", text, fence, ""]
    lines += ["## Kuvakaappaukset", ""]
    if files:
        lines += [
            "| # | Tiedosto | Tyyppi | Koko (tavua) | SHA-256 | Tallennettu | Tarkistus |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in files:
            lines.append(
                f"| {f['n']} | {_md_cell(f['name'])} | {_md_cell(f['mimetype'] or '–')} | {f['size'] or '–'} | "
                f"`{f['sha256'] or '–'}` | {_md_cell(_both(f['fetched_at']))} | {_md_cell(f['check'])} |"
            )
        lines += ["", f"Kuvat ovat upotettuina HTML-raporttiin `{ref}.html`."]
    else:
        lines.append("Ei kuvakaappauksia.")
    lines += ["", "## Tapahtumat", "", "| Aika (Suomen aikaa) | Aika (UTC) | Kuka | Tapahtuma |", "|---|---|---|---|"]
    for ev in snap.events:
        local, utc = _when(ev["at"])
        lines.append(f"| {local} | {utc} | {_md_cell(who(ev['actor']))} | {_md_cell(_event_text(ev, snap, who))} |")
    lines += ["", "---", "SHA-256 on kuvatiedoston tarkistussumma: sama summa osoittaa, että kuva on muuttumaton.", ""]
    return "\n".join(lines)


# -- HTML --------------------------------------------------------------------------------


def _h(value) -> str:
    return html.escape(str(value), quote=True)


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#111;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;
vertical-align:top}th{background:#f3f3f3}pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;
border:1px solid #ddd;padding:.75rem}code{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
figure{margin:1rem 0;page-break-inside:avoid}img{max-width:100%;border:1px solid #ccc}
.warn{color:#a00;font-weight:bold}
"""


def html_report(snap: Snapshot, files: list[dict], who: _People, generated: datetime) -> str:
    ref = snap.ref
    out = [
        "<!DOCTYPE html>",
        '<html lang="fi"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>Todisteraportti {_h(ref)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Todisteraportti {_h(ref)}</h1>",
        "<p>Somevahti – uhkaavan viestin ilmoitus, Kokkolan kaupunki. Raportti on muodostettu Somevahdin "
        f"tallentamista tiedoista {_h(_both(generated))}.</p>",
        "<h2>Ilmoitus</h2><table>",
    ]
    out += [f"<tr><th>{_h(k)}</th><td>{_h(v)}</td></tr>" for k, v in _record(snap, who)]
    out += [
        "</table>",
        "<h2>Viesti sanasta sanaan</h2>",
        f"<pre>{_h(snap.details.get('text') or '')}</pre>",
        "<h2>Kuvakaappaukset</h2>",
    ]
    if not files:
        out.append("<p>Ei kuvakaappauksia.</p>")
    for f in files:
        warn = "" if f["check"].startswith("tarkistettu") else ' class="warn"'
        out.append("<figure>")
        if f["image"]:
            data = base64.b64encode(f["content"]).decode("ascii")
            out.append(f'<img src="data:{f["image"]};base64,{data}" alt="{_h(f["name"])}">')
        else:
            out.append("<p><em>Ei esikatselua (kuvaa ei tallennettu tai tiedostomuoto ei ole upotettava).</em></p>")
        out.append(
            f"<figcaption>{f['n']}. {_h(f['name'])} – {_h(f['mimetype'] or '–')}, {_h(f['size'] or '–')} tavua<br>"
            f"SHA-256: <code>{_h(f['sha256'] or '–')}</code><br>Tallennettu: {_h(_both(f['fetched_at']))}<br>"
            f"<span{warn}>{_h(f['check'])}</span></figcaption></figure>"
        )
    out += [
        "<h2>Tapahtumat</h2>",
        "<table><tr><th>Aika (Suomen aikaa)</th><th>Aika (UTC)</th><th>Kuka</th><th>Tapahtuma</th></tr>",
    ]
    for ev in snap.events:
        local, utc = _when(ev["at"])
        out.append(
            f"<tr><td>{_h(local)}</td><td>{_h(utc)}</td><td>{_h(who(ev['actor']))}</td>"
            f"<td>{_h(_event_text(ev, snap, who))}</td></tr>"
        )
    out += [
        "</table>",
        "<p><small>SHA-256 on kuvatiedoston tarkistussumma: sama summa osoittaa, että kuva on muuttumaton.</small></p>",
        "</body></html>",
        "",
    ]
    return "\n".join(out)


# -- the command ---------------------------------------------------------------------------


def _open_out_dir(out_dir: Path) -> int:
    """The output folder as a file descriptor, created 0700 if missing; a symbolic link is refused
    (for the folder itself: O_NOFOLLOW), so the report never lands where a planted link points."""
    try:
        if out_dir.is_symlink():
            raise ConfigError(f"export: --out '{out_dir}' is a symbolic link; give the real folder")
        if not out_dir.exists():
            out_dir.mkdir(mode=0o700, parents=True)
        return os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except ConfigError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ConfigError(f"export: --out '{out_dir}' is a symbolic link; give the real folder") from None
        raise ConfigError(f"export: cannot use --out '{out_dir}': {exc.strerror}") from None


def _vacate(dir_fd: int, out_dir: Path, name: str, *, force: bool) -> None:
    """An existing `name` is an error, or with force removed first (a link itself, never its target;
    a link is refused even with force, as it may be planted)."""
    path = out_dir / name
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise ConfigError(f"export: '{path}' is a symbolic link; refusing to write through it (remove it)")
        if not force:
            raise ConfigError(f"export: '{path}' already exists; remove it or run again with --force")
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"export: '{path}' exists and is not a regular file; remove it")
        os.unlink(name, dir_fd=dir_fd)


def _write_private(dir_fd: int, out_dir: Path, name: str, text: str) -> Path:
    """Create `name` in the folder, readable by the owner only: O_EXCL|O_NOFOLLOW, so it never
    follows a link nor writes into a file that is already there."""
    path = out_dir / name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags, 0o600, dir_fd=dir_fd)
    except FileExistsError:
        raise ConfigError(f"export: '{path}' appeared while writing; run again") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ConfigError(f"export: '{path}' is a symbolic link; refusing to write through it") from None
        raise ConfigError(f"export: cannot write '{path}': {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        os.fchmod(fh.fileno(), 0o600)  # whatever the umask
        fh.write(text)
    return path


def export(
    db: Database,
    settings: Settings,
    directory: Directory,
    ref: str,
    out_dir: Path,
    *,
    now: datetime,
    resolve_names: bool = True,
    force: bool = False,
) -> tuple[Path, Path] | None:
    with db.reading() as s:
        if threats.find(s, ref) is None:
            return None
    dir_fd = _open_out_dir(out_dir)
    try:
        return _export(db, settings, directory, ref, out_dir, dir_fd, now=now, resolve_names=resolve_names, force=force)
    finally:
        os.close(dir_fd)


def _export(
    db: Database,
    settings: Settings,
    directory: Directory,
    ref: str,
    out_dir: Path,
    dir_fd: int,
    *,
    now: datetime,
    resolve_names: bool,
    force: bool,
) -> tuple[Path, Path] | None:
    with db.transaction() as s:
        incident = threats.find(s, ref)
        if incident is None:
            return None
        snap = threats.snapshot(incident)
        contents = {f.id: f.content for f in incident.files}
        s.add(AuditLog(at=now, action="threat.export", detail={"ref": snap.ref, "files": len(contents)}))
    people = {snap.reporter, *snap.notified, *(e["actor"] for e in snap.events)}
    people |= {u for u in (snap.owner, snap.resolved_by) if u}
    people.discard("system")
    stored = snap.details.get("people") or {}
    names = _names(settings, people - set(stored)) if resolve_names else {}
    roles = {}
    for uid, role in (
        (directory.roles.safety_chief, "työsuojelupäällikkö"),
        (snap.details.get("supervisor"), "esihenkilö"),
        (snap.reporter, "ilmoittaja"),
    ):
        if uid:
            roles[uid] = role
    for admin in directory.admins:
        roles.setdefault(admin, "ylläpitäjä")
    who = _People(names, roles, stored)
    files = _files(snap, contents)
    md_name, html_name = f"{snap.ref}.md", f"{snap.ref}.html"
    for name in (md_name, html_name):  # both checked before either is written
        _vacate(dir_fd, out_dir, name, force=force)
    md_path = _write_private(dir_fd, out_dir, md_name, markdown(snap, files, who, now))
    html_path = _write_private(dir_fd, out_dir, html_name, html_report(snap, files, who, now))
    return md_path, html_path


def run_export(
    settings: Settings,
    directory: Directory,
    ref: str,
    out_dir: Path,
    *,
    clock: Clock | None = None,
    out=None,
    err=None,
    force: bool = False,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    db = Database(settings.database_url)
    try:
        written = export(db, settings, directory, ref, out_dir, now=(clock or Clock()).now(), force=force)
    finally:
        db.dispose()
    if written is None:
        print(
            f"somevahti: error: no threat report '{ref}' (ids look like UHKA-2026-0001; "
            "closed reports are deleted after the retention period)",
            file=err,
        )
        return 1
    print(f"Wrote {written[0]} and {written[1]} (personal data: keep them safe, readable by you only).", file=out)
    return 0
