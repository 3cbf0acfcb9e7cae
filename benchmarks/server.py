"""gunicorn on a loopback port for benchmarks/load.py, and where the machine's CPU went.

The load generator, gunicorn, PostgreSQL and Redis share the machine's cores (and, on a
shared machine, so do other people's test runs), so every run says who used how much.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.traffic import fetch

HOST = "127.0.0.1"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``gunicorn hrcsite.wsgi`` with ``workers`` sync workers, as docs/deploy.md runs it,
    in a process group of its own so that stopping it stops its workers too."""

    def __init__(self, root, env, workers, log):
        self.port = free_port()
        self.log_path = log
        self.log = open(log, "w")  # noqa: SIM115 (closed by stop())
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "hrcsite.wsgi",
            f"--workers={workers}",
            f"--bind={HOST}:{self.port}",
            "--timeout=30",
            "--graceful-timeout=5",
            # gunicorn's control socket is one path per user: another server may hold it.
            "--no-control-socket",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_answering(self, path, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited ({self.process.returncode}); see {self.log_path}"
                )
            if fetch(HOST, self.port, path, timeout=10)[0] == 200:
                return
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer {path} with 200 within {seconds} s")

    def running(self):
        return self.process.poll() is None

    def workers(self):
        """Process ids of the master's children (its workers)."""
        return sorted(pid for pid, parent in parents().items() if parent == self.process.pid)

    def stop(self):
        if self.running():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
            except ProcessLookupError:
                pass
        self.log.close()


class TaskWorker:
    """``manage.py run_tasks`` beside the site, as docs/deploy.md runs it: indexing after
    each publication, the search log, the full downloads' builds and the late bans."""

    def __init__(self, root, env, log):
        self.log_path = log
        self.log = open(log, "w")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "run_tasks"],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()


def processes():
    """{pid: (command name, parent pid, CPU seconds so far)} of every process, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        found[int(entry.name)] = (name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def parents():
    return {pid: parent for pid, (_name, parent, _cpu) in processes().items()}


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def machine_jiffies():
    """(busy, total) jiffies of every core together, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class CpuMeter:
    """Cores used between construction and ``read()``: the whole machine, and by owner.

    Counted per process from samples (call ``sample()`` every second or so): a process's
    last sampled CPU time less its time at the start, so that PostgreSQL backends replaced
    during a run (each connection lives DB_CONN_MAX_AGE seconds) still count. Backends name
    their database in their title, which tells the site's own from other people's."""

    OWNERS = ["gunicorn", "load generator", "PostgreSQL (site)", "PostgreSQL (other)", "Redis"]

    def __init__(self, site, database):
        self.site, self.database = site, database
        self.began = time.monotonic()
        self.machine = machine_jiffies()
        self.own = os.times()
        self.owners = {}  # {pid: owner or None}
        self.start = {}  # {pid: CPU seconds at the start (0 for processes started later)}
        self.last = {}  # {pid: CPU seconds when last sampled}
        self.sample(first=True)

    def owner(self, pid, name, group):
        if pid in group:
            return "gunicorn"
        if name == "postgres":
            title = command_line(pid)
            return "PostgreSQL (site)" if f" {self.database} " in title else "PostgreSQL (other)"
        if name.startswith("redis-server"):
            return "Redis"
        return None

    def sample(self, first=False):
        group = {self.site.process.pid, *self.site.workers()}
        for pid, (name, _parent, cpu) in processes().items():
            if pid not in self.owners:
                self.owners[pid] = self.owner(pid, name, group)
                self.start[pid] = cpu if first else 0.0
            if self.owners[pid]:
                self.last[pid] = cpu

    def read(self):
        self.sample()
        seconds = time.monotonic() - self.began
        busy, total = machine_jiffies()
        cores = os.cpu_count() or 1
        machine = cores * (busy - self.machine[0]) / max(1, total - self.machine[1])
        used = dict.fromkeys(self.OWNERS, 0.0)
        for pid, cpu in self.last.items():
            used[self.owners[pid]] += cpu - self.start[pid]
        own = os.times()
        used["load generator"] = own.user + own.system - self.own.user - self.own.system
        used = {owner: max(0.0, cpu / seconds) for owner, cpu in used.items()}
        used["everything else"] = max(0.0, machine - sum(used.values()))
        return {"cores": cores, "machine": machine, "used": used}


def describe_cpu(cpu, requests, seconds):
    """The CPU line of a run, with the site's CPU time per request and the throughput that
    would follow if gunicorn and its PostgreSQL backends had every core to themselves."""
    shares = ", ".join(f"{owner} {cores:.2f}" for owner, cores in cpu["used"].items())
    site = cpu["used"]["gunicorn"] + cpu["used"]["PostgreSQL (site)"]
    per_request = site * seconds / max(1, requests)
    line = f"CPU: {cpu['machine']:.2f} of {cpu['cores']} cores busy — {shares}."
    if per_request:
        line += (
            f" The site used {per_request * 1000:.0f} ms of CPU per request (gunicorn + its "
            f"PostgreSQL backends): about {cpu['cores'] / per_request:.0f} requests/s if it had "
            f"all {cpu['cores']} cores."
        )
    return line


def background_cores(seconds=3.0):
    """Cores busy before anything starts: other programs competing with the run."""
    busy, total = machine_jiffies()
    time.sleep(seconds)
    busy2, total2 = machine_jiffies()
    return (os.cpu_count() or 1) * (busy2 - busy) / max(1, total2 - total)
