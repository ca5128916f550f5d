"""``make prod-local``: the production stack on this machine, on the demo or on any DATABASE_URL.

nginx (Debian's, deploy/nginx/congtin.conf with this machine's paths and ports) in front of
gunicorn (threaded workers, production settings, plain HTTP on loopback), exactly as a server
runs them. The demo content is loaded when no DATABASE_URL is given. Ctrl-C stops both.

    make prod-local                                    # http://127.0.0.1:8080/
    make prod-local PROD_PORT=8080 WORKERS=2
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congtin REDIS_URL=redis://127.0.0.1:6379/0 make prod-local

bench/flood.py starts the same stack through ``start_stack`` (or its parts: ``start_app``, ``start_nginx``).
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "congtin.conf"
NGINX_MISSING = (
    "Không tìm thấy nginx. Cài bản của Debian: sudo apt-get install nginx-light"
    " (rồi chạy lại lệnh này)."
)


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.path.exists(path)), None
    )


def environment(var_dir: Path, extra: dict | None = None) -> dict:
    """Production settings for a loopback stack: a secret key of its own, plain HTTP."""
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "prod-local-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="congtin.settings.production",
        CONGTIN_VAR_DIR=str(var_dir),
        SECRET_KEY=key_file.read_text().strip(),
        ALLOWED_HOSTS=env.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
        CONGTIN_HTTPS="0",
        CONGTIN_BEHIND_PROXY="1",
        CONGTIN_SERVE_MEDIA="0",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra or {})
    return env


def prepare(env: dict, demo: bool, url: str = "http://127.0.0.1:8080"):
    congtin = [sys.executable, "-m", "congtin"]
    subprocess.run([*congtin, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*congtin, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    if demo:
        local = {**env, "DJANGO_SETTINGS_MODULE": "congtin.settings.local"}
        subprocess.run([*congtin, "demo", "--url", url], env=local, check=True, cwd=ROOT)


def nginx_config(var_dir: Path, port: int, app_port, micro_cache: bool = True) -> Path:
    """deploy/nginx/congtin.conf with this machine's paths and ports (``app_port``: one port, or
    a list of app servers to balance), in a main config."""
    folder = var_dir / "nginx"
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    site = SITE_CONF.read_text()
    site = site.replace("/srv/congtin/var", str(var_dir)).replace(
        "listen 80;", f"listen 127.0.0.1:{port};"
    )
    app_ports = app_port if isinstance(app_port, list) else [app_port]
    site = site.replace(
        "server 127.0.0.1:8000;", " ".join(f"server 127.0.0.1:{p};" for p in app_ports)
    )
    if not micro_cache:
        site = site.replace("        proxy_cache congtin_pages;", "        proxy_cache off;")
    (folder / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/logs/error.log warn;
events {{ worker_connections 8192; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {folder}/client;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf"


def wait_for(port: int, process: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"exited with {process.returncode}") from None
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def start_app(env: dict, app_port: int, workers: int) -> subprocess.Popen:
    """gunicorn as deploy/systemd/congtin.service runs it: threaded workers (4 threads each)."""
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "congtin.wsgi", "--workers", str(workers),
         "--worker-class", "gthread", "--threads", "4", "--bind", f"127.0.0.1:{app_port}",
         "--graceful-timeout", "30", "--log-level", "warning", "--no-control-socket"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    wait_for(app_port, app)
    return app


def start_nginx(var_dir: Path, port: int, app_port, micro_cache: bool = True):
    """nginx in front of the app server(s) on ``app_port`` (one port or a list)."""
    nginx = find_nginx()
    if nginx is None:
        raise SystemExit(NGINX_MISSING)
    config = nginx_config(var_dir, port, app_port, micro_cache)
    web = subprocess.Popen(
        [nginx, "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"], cwd=ROOT
    )
    wait_for(port, web)
    return web


def start_stack(env: dict, port: int, app_port: int, workers: int, micro_cache: bool = True):
    """Start gunicorn and nginx; return both processes (stop them with ``stop_stack``)."""
    if find_nginx() is None:
        raise SystemExit(NGINX_MISSING)
    app = start_app(env, app_port, workers)
    try:
        web = start_nginx(Path(env["CONGTIN_VAR_DIR"]), port, app_port, micro_cache)
    except BaseException:
        stop_stack(app)
        raise
    return app, web


def stop_stack(*processes):
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--app-port", type=int, default=8001)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if find_nginx() is None:
        raise SystemExit(NGINX_MISSING)
    var_dir = Path(os.environ.get("CONGTIN_VAR_DIR", ROOT / "var"))
    env = environment(var_dir)
    prepare(env, demo=not os.environ.get("DATABASE_URL"), url=f"http://127.0.0.1:{args.port}")
    app, web = start_stack(env, args.port, args.app_port, args.workers)
    print(f"congtin (production stack): http://127.0.0.1:{args.port}/  (Ctrl-C để dừng)")
    try:
        while app.poll() is None and web.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop_stack(web, app)


if __name__ == "__main__":
    main()
