"""The project's own checks: migrations match the models; production settings pass --deploy."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_match_the_models():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def production_env(**extra) -> dict:
    unwanted = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.gov",
        PORTAL_BASE_URL="https://portal.example.gov",
        DEBUG="0",
        EMAIL_HOST="smtp.example.gov",
        CLAMD_ADDRESS="tcp://127.0.0.1:3310",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("address", [None, "", "http://portal.example.gov"])
def test_check_deploy_refuses_a_public_address_unset_or_not_https(address):
    """Every emailed link, text and QR code starts with PORTAL_BASE_URL."""
    env = production_env()
    del env["PORTAL_BASE_URL"]
    if address is not None:
        env["PORTAL_BASE_URL"] = address
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "core.E001" in result.stderr and "PORTAL_BASE_URL" in result.stderr


def test_check_deploy_warns_that_uploads_are_not_scanned_without_clamd():
    env = production_env()
    del env["CLAMD_ADDRESS"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "core.W001" in result.stderr and "CLAMD_ADDRESS" in result.stderr
    # A warning: the embedded default still runs.
    assert manage("check", "--deploy", env=env).returncode == 0


@pytest.mark.parametrize("address", ["127.0.0.1:3310", "tcp://127.0.0.1", "http://clamd:3310"])
def test_a_clamd_address_that_cannot_be_reached_stops_the_portal(address):
    result = manage("check", env=production_env(CLAMD_ADDRESS=address))
    assert result.returncode != 0
    assert "core.E002" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("gateway", ["KHQR", "LAOQR"])
def test_production_refuses_to_send_a_banks_token_over_plain_http(gateway):
    env = production_env(
        **{f"{gateway}_API_URL": "http://bank.example.com", f"{gateway}_API_TOKEN": "a-token"}
    )
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{gateway}_API_URL must be an https:// address" in result.stderr
    # Without a token the bank is never asked: its address alone stops nothing.
    del env[f"{gateway}_API_TOKEN"]
    assert manage("check", env=env).returncode == 0


def test_production_settings_harden_cookies_hsts_and_csp():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_SSL_REDIRECT, bool(s.SECURE_CSP))"
    )
    result = manage("shell", "-c", code, env=production_env())
    assert result.stdout.split()[-5:] == ["True"] * 5, result.stderr


def test_make_run_starts_the_worker_and_the_scheduler_beside_the_server():
    """The periodic clean-ups run on the embedded default without anyone's cron."""
    make = shutil.which("make")
    assert make, "make is what `make run` needs"
    planned = subprocess.run(
        [make, "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for command in ("manage.py db_worker", "manage.py scheduler", "manage.py runserver"):
        assert command in planned


def test_make_demo_on_another_port_links_to_that_port():
    """`make demo PORT=8101`: emails, texts and QR codes point at the server that runs."""
    address = {}
    for target in ("demo", "run"):
        planned = subprocess.run(
            [shutil.which("make"), "-n", target, "PORT=8101"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(line for line in planned.splitlines() if "manage.py runserver" in line)
        # What the shell makes of the line's variables, with no PORTAL_BASE_URL of its own.
        env = {key: value for key, value in os.environ.items() if key != "PORTAL_BASE_URL"}
        prefix = line.split(".venv/bin/python manage.py runserver")[0].strip()
        address[target] = subprocess.run(
            [shutil.which("bash"), "-c", f"{prefix} bash -c 'echo $PORTAL_BASE_URL'"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    assert address == {"demo": "http://127.0.0.1:8101", "run": "http://127.0.0.1:8101"}


def test_the_stylesheet_has_every_govuk_frontend_class_the_templates_use():
    """The stylesheet compiles only the GOV.UK Frontend components and override classes that
    assets/scss/onedoor.scss names: a template that starts using another finds it missing here,
    not on a page that looks wrong."""
    name = re.compile(r"(?<![\w-])govuk-[a-z0-9!_-]*[a-z0-9]")
    used = set()
    for path in [*(ROOT / "templates").rglob("*.html"), ROOT / "assets" / "js" / "onedoor.mjs"]:
        used |= set(name.findall(path.read_text(encoding="utf-8")))

    def styled(css: Path) -> set[str]:
        text = css.read_text(encoding="utf-8").replace("\\!", "!")
        return {selector[1:] for selector in re.findall(rf"\.{name.pattern}", text)}

    govuk = styled(ROOT / "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css")
    ours = styled(ROOT / "build/static/onedoor/css/onedoor.css")
    assert used & govuk, "no GOV.UK Frontend class found in the templates"
    assert sorted((used & govuk) - ours) == []


def test_the_wsgi_application_leaves_what_loading_made_out_of_the_garbage_collectors_walks():
    loaded = subprocess.run(
        [sys.executable, "-c", "import gc, portal.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    # Django's, Wagtail's and the portal's objects: many more than a bare interpreter's.
    assert int(loaded.stdout.strip().splitlines()[-1]) > 50_000
