"""The project's own checks: migrations match the models; production settings pass --deploy."""

import os
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
        DEBUG="0",
        EMAIL_HOST="smtp.example.gov",
        **extra,
    )
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


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


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
