#!/usr/bin/env python3
"""The connector group, tried the way operators run it: two distributions, each in a network namespace of its
own (two machines), a third namespace for agents and clients, all on one bridge with documentation addresses
(198.51.100.0/24). Nothing leaves these namespaces. A floating address (198.51.100.10) is moved to the healthy
member as keepalived moves it: a check of GET /health, the address taken from the dead member and put on the
other one, and a gratuitous ARP so that the clients' cache follows.

  group-test.py <tarball> <work dir> [--rounds N] [--measure]

Each round kills the active member with kill -9, measures the time until a public client is served again
through the floating address (agents redial with the real agent's 1, 2, 4 s backoff), checks every mapping
acknowledged before (and during) the outage on the survivor, restarts the killed member and checks that it
rejoins, agrees and logs what it merged. --measure also prints add latency with the group on and off and the
memory of a member. Needs root (ip netns); without it, it says so and passes as skipped, unless
GROUP_TEST_REQUIRED=1 (set by .ci/run), which makes that a failure.
"""
import argparse
import ctypes
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tarfile
import threading
import time
import traceback
import urllib.parse

NAME = "group-test"
SUBNET = "198.51.100"
FLOATING = SUBNET + ".10"
CLIENTS = SUBNET + ".2"
MEMBERS = {"a": SUBNET + ".11", "b": SUBNET + ".12"}
REST_PORT = 8080
CLONE_NEWNET = 0x40000000
BACKOFF = (1, 2, 4, 8, 16)


def say(text):
    print(f"{NAME}: {text}", flush=True)


class Failure(Exception):
    pass


def run(*command, check=True, quiet=False):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and done.returncode != 0:
        raise Failure(f"{' '.join(command)} failed ({done.returncode}): {done.stdout.strip()}")
    if not quiet and done.returncode != 0:
        say(f"{' '.join(command)}: {done.stdout.strip()}")
    return done.stdout


# ---------------------------------------------------------------------------------------------- the network

class Network:
    """Three namespaces on one bridge; the bridge lives in the clients' namespace."""

    def __init__(self):
        tag = str(os.getpid() % 100000)
        self.ns = {"a": f"iofog-ga-{tag}", "b": f"iofog-gb-{tag}", "c": f"iofog-gc-{tag}"}
        self.tag = tag
        self.created = []

    def up(self):
        for key in ("c", "a", "b"):
            run("ip", "netns", "add", self.ns[key])
            self.created.append(self.ns[key])
            run("ip", "-n", self.ns[key], "link", "set", "lo", "up")
        c = self.ns["c"]
        run("ip", "-n", c, "link", "add", "br0", "type", "bridge")
        run("ip", "-n", c, "addr", "add", CLIENTS + "/24", "dev", "br0")
        run("ip", "-n", c, "link", "set", "br0", "up")
        for key in ("a", "b"):
            inside, port = f"g{key}{self.tag}", f"p{key}{self.tag}"
            run("ip", "link", "add", inside, "netns", self.ns[key], "type", "veth", "peer", "name", port,
                "netns", c)
            run("ip", "-n", self.ns[key], "link", "set", inside, "name", "eth0")
            run("ip", "-n", self.ns[key], "addr", "add", MEMBERS[key] + "/24", "dev", "eth0")
            run("ip", "-n", self.ns[key], "link", "set", "eth0", "up")
            run("ip", "-n", c, "link", "set", port, "master", "br0")
            run("ip", "-n", c, "link", "set", port, "up")

    def enter_clients(self):
        """This process (one thread so far) moves into the clients' namespace: its sockets are clients'."""
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(f"/run/netns/{self.ns['c']}", os.O_RDONLY)
        try:
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise Failure(f"setns into {self.ns['c']}: {os.strerror(ctypes.get_errno())}")
        finally:
            os.close(fd)

    def move_floating(self, to):
        """What keepalived does on a new master: the address off the old one, on the new one, and a GARP."""
        for key in ("a", "b"):
            if key != to:
                run("ip", "-n", self.ns[key], "addr", "del", FLOATING + "/24", "dev", "eth0", check=False, quiet=True)
        run("ip", "-n", self.ns[to], "addr", "add", FLOATING + "/24", "dev", "eth0")
        run("ip", "netns", "exec", self.ns[to], sys.executable, os.path.abspath(__file__), "--garp", "eth0",
            FLOATING)

    def down(self):
        for name in reversed(self.created):
            run("ip", "netns", "del", name, check=False, quiet=True)


def gratuitous_arp(device, address):
    """An ARP request for address from address at this device's MAC, to everyone, as keepalived sends it; a
    request whose sender and target address are the same is what Linux takes as gratuitous and applies at once."""
    with open(f"/sys/class/net/{device}/address") as f:
        mac = bytes.fromhex(f.read().strip().replace(":", ""))
    ip = socket.inet_aton(address)
    frame = (b"\xff" * 6 + mac + struct.pack("!H", 0x0806)
             + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + mac + ip + b"\x00" * 6 + ip)
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((device, 0))
        for _ in range(3):
            s.send(frame)


class Keepalived:
    """The real keepalived on each member's machine, configured from the example the distribution ships."""

    def __init__(self, network, work):
        self.network, self.work = network, work
        self.processes = {}

    @staticmethod
    def available():
        return shutil.which("keepalived") is not None

    def start(self, key, member, priority):
        with open(os.path.join(member.home, "examples", "keepalived", "keepalived.conf")) as f:
            conf = f.read()
        script = os.path.join(member.home, "examples", "keepalived", "check-connector.sh")
        conf = conf.replace("/opt/iofog-connector/examples/keepalived/check-connector.sh", script)
        conf = conf.replace("priority 100", f"priority {priority}")
        # The work dir may sit under a folder others can write to (/tmp), which script security refuses.
        conf = conf.replace("    enable_script_security\n", "")
        folder = os.path.join(self.work, f"keepalived-{key}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "keepalived.conf")
        with open(path, "w") as f:
            f.write(conf)
        log = open(os.path.join(folder, "keepalived.log"), "w")
        self.processes[key] = subprocess.Popen(
            ["ip", "netns", "exec", self.network.ns[key], "keepalived", "--dont-fork", "--log-console",
             "--log-detail", "--use-file", path, "--pid", os.path.join(folder, "keepalived.pid"),
             "--vrrp_pid", os.path.join(folder, "vrrp.pid"), "--checkers_pid", os.path.join(folder, "checkers.pid")],
            stdout=log, stderr=subprocess.STDOUT)

    def holder(self):
        """The member whose machine has the floating address now, or None."""
        for key in ("a", "b"):
            if FLOATING + "/" in run("ip", "-n", self.network.ns[key], "-o", "addr", "show", "dev", "eth0"):
                return key
        return None

    def stop(self):
        for process in self.processes.values():
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


# ---------------------------------------------------------------------------------------------- the members

class Member:
    def __init__(self, key, network, home):
        self.key, self.network, self.home = key, network, home
        self.address = MEMBERS[key]

    def configure(self, enabled=True):
        with open(os.path.join(self.home, "etc", "org.iofog.connector.group.cfg"), "w") as f:
            f.write(f"enabled = {'true' if enabled else 'false'}\nname = {NAME}\n"
                    f"members = {MEMBERS['a']}, {MEMBERS['b']}\naddress = {self.address}\nport = 5701\n"
                    "heartbeat.timeout.seconds = 10\n")

    def start(self):
        run("ip", "netns", "exec", self.network.ns[self.key], os.path.join(self.home, "bin", "start"))

    def pid(self):
        try:
            with open(os.path.join(self.home, "karaf.pid")) as f:
                text = re.sub(r"[^0-9]", "", f.read())
                return int(text) if text else None
        except FileNotFoundError:
            return None

    def alive(self):
        pid = self.pid()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False

    def kill(self):
        pid = self.pid()
        os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 10
        while self.alive() and time.time() < deadline:
            time.sleep(0.05)
        os.remove(os.path.join(self.home, "karaf.pid"))

    def stop(self):
        if not self.alive():
            return
        run(os.path.join(self.home, "bin", "stop"), check=False, quiet=True)
        deadline = time.time() + 60
        while self.alive() and time.time() < deadline:
            time.sleep(0.5)
        if self.alive():
            os.kill(self.pid(), signal.SIGKILL)

    def check_script_passes(self):
        """keepalived's check as the distribution ships it, run on this member's machine (its namespace)."""
        script = os.path.join(self.home, "examples", "keepalived", "check-connector.sh")
        done = subprocess.run(["ip", "netns", "exec", self.network.ns[self.key], "/bin/sh", script],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return done.returncode == 0

    def health(self, timeout=2.0):
        """(status code, body) of GET /health, or (None, why) when nothing answers."""
        try:
            return http_request(self.address, "GET", "/health", None, timeout)
        except OSError as e:
            return None, str(e)

    def wait_healthy(self, members, timeout=120):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            code, body = self.health()
            last = (code, body)
            if code == 200 and body["group"]["status"] == "READY" \
                    and sum(1 for m in body["group"]["members"] if m["present"]) == members:
                return body
            time.sleep(0.5)
        raise Failure(f"member {self.key} not healthy with {members} member(s) within {timeout} s: {last}")

    def console(self, command):
        """A console command through Karaf's own client, on this member's machine."""
        done = subprocess.run(["ip", "netns", "exec", self.network.ns[self.key], os.path.join(self.home, "bin", "client"),
                               "-u", "karaf", "-p", "karaf", "-r", "3", "-d", "2", "-b"], input=command,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        return done.stdout

    def inside(self, method, path, form=None):
        """A REST call from this member's own machine (127.0.0.1), which works while its link is down."""
        command = ["ip", "netns", "exec", self.network.ns[self.key], "curl", "-s", "-m", "30", "-X", method,
                   "-w", "\n%{http_code}", f"http://127.0.0.1:{REST_PORT}{path}"]
        for key, value in (form or {}).items():
            command += ["--data-urlencode", f"{key}={value}"]
        out = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=60).stdout
        body, _, code = out.rpartition("\n")
        return int(code or 0), json.loads(body or "null")

    def install_group(self, timeout=120):
        """As the README says: the group's feature installed from the console, its settings in etc already."""
        deadline = time.time() + timeout
        out = ""
        while time.time() < deadline:
            out = self.console("feature:install iofog-connector-group")
            if "Error" not in out and "Connection refused" not in out and "Failed" not in out:
                if "Group" in self.console("connector:group"):
                    return
            time.sleep(1)
        raise Failure(f"feature:install iofog-connector-group failed on member {self.key}: {out}")

    def add(self, mapping):
        code, body = http_request(self.address, "POST", "/api/v2/mapping/add", {"mapping": json.dumps(mapping)})
        if code != 200:
            raise Failure(f"add on member {self.key} answered {code}: {body}")
        return body

    def remove(self, mapping_id):
        return http_request(self.address, "POST", "/api/v2/mapping/remove", {"mappingid": mapping_id})

    def status(self, mapping_id):
        return http_request(self.address, "POST", "/api/v2/status", {"mappingid": mapping_id})

    def log(self):
        with open(os.path.join(self.home, "data", "log", "iofog-connector.log"), errors="replace") as f:
            return f.read()

    def rss_mb(self):
        with open(f"/proc/{self.pid()}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return None


def http_request(host, method, path, form, timeout=10.0):
    connection = http.client.HTTPConnection(host, REST_PORT, timeout=timeout)
    try:
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if form is not None else {}
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read() or b"null")
    finally:
        connection.close()


# --------------------------------------------------------------------------------- agents and clients (ns c)

def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError(f"closed after {len(data)} of {n} bytes")
        data += chunk
    return data


class Agent(threading.Thread):
    """One connection of an agent, dialled as the real agent dials: a failed dial backs off 1, 2, 4 ... s, a
    connection that closes after it was up is redialled at once. Once AUTHORIZED, it echoes what it gets (a
    public pipe's local service) or hands it to a queue (one end of a private pipe)."""

    def __init__(self, port, passcode, name, echo=True):
        super().__init__(name=name, daemon=True)
        self.port, self.passcode, self.echo = port, passcode, echo
        self.stopped = threading.Event()
        self.sock = None
        self.authorized = threading.Event()
        self.received = []
        self.lock = threading.Lock()

    def run(self):
        failures = 0
        while not self.stopped.is_set():
            try:
                sock = socket.create_connection((FLOATING, self.port), timeout=5)
                sock.sendall(self.passcode.encode("ascii"))
                sock.settimeout(None)
                if read_exactly(sock, 10) != b"AUTHORIZED":
                    raise ConnectionError("not AUTHORIZED")
            except OSError:
                time.sleep(BACKOFF[min(failures, len(BACKOFF) - 1)])
                failures += 1
                continue
            failures = 0
            self.sock = sock
            self.authorized.set()
            try:
                while True:
                    data = sock.recv(65536)
                    if not data:
                        break
                    if data.replace(b"BEAT", b"") == b"":
                        continue
                    if self.echo:
                        sock.sendall(data)
                    else:
                        with self.lock:
                            self.received.append(data)
            except OSError:
                pass
            self.authorized.clear()
            self.sock = None
            sock.close()

    def send(self, data):
        sock = self.sock
        if sock is None:
            raise ConnectionError("not connected")
        sock.sendall(data)

    def take(self):
        with self.lock:
            data = b"".join(self.received)
            self.received.clear()
            return data

    def stop(self):
        self.stopped.set()
        sock = self.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def public_client(port, text, timeout=3.0):
    """A public client through the floating address: sends text, expects it back; True when served."""
    try:
        with socket.create_connection((FLOATING, port), timeout=1.0) as sock:
            sock.settimeout(timeout)
            sock.sendall(text)
            return read_exactly(sock, len(text)) == text
    except OSError:
        return False


def private_exchange(one, other, text, timeout=10.0):
    """text from one end of a private pipe reaches the other."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if one.authorized.is_set() and other.authorized.is_set():
                one.send(text)
                got = b""
                until = time.time() + 2
                while time.time() < until and len(got) < len(text):
                    got += other.take()
                    time.sleep(0.02)
                if got == text:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


# ------------------------------------------------------------------------------------------------ the test

PUBLIC = {"type": "public", "maxconnections": 2, "heartbeatabsencethreshold": 200000}
PRIVATE = {"type": "private", "maxconnectionsport1": 1, "maxconnectionsport2": 1,
           "heartbeatabsencethresholdport1": 200000, "heartbeatabsencethresholdport2": 200000}


class GroupTest:
    def __init__(self, tarball, work, rounds, measure):
        self.tarball, self.work, self.rounds, self.measure = tarball, work, rounds, measure
        self.network = Network()
        self.keepalived = Keepalived(self.network, work) if Keepalived.available() else None
        self.members = {}
        self.acknowledged = {}  # id -> (port1, port2) of every add answered ok
        self.agents = []
        self.figures = []

    def unpack(self, key):
        target = os.path.join(self.work, key)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        with tarfile.open(self.tarball) as tar:
            tar.extractall(target)
        home = glob.glob(os.path.join(target, "*"))[0]
        return Member(key, self.network, home)

    def main(self):
        self.network.up()
        for key in ("a", "b"):
            self.members[key] = self.unpack(key)
            self.members[key].configure()
        self.network.enter_clients()
        for member in self.members.values():
            member.start()
        for member in self.members.values():
            member.install_group()
        a, b = self.members["a"], self.members["b"]
        a.wait_healthy(2)
        b.wait_healthy(2)
        say("both members healthy, 2 members present")
        if self.keepalived:
            self.keepalived.start("a", a, 100)
            self.keepalived.start("b", b, 90)
            active = self.wait_holder(lambda key: key is not None, 30, "keepalived puts the floating address on a member")
            say(f"keepalived put the floating address on member {active}")
        else:
            say("keepalived is not installed: the test moves the floating address as keepalived would")
            self.network.move_floating("a")
            active = "a"

        self.check_adds_reach_both()
        public = self.added(a.add(PUBLIC))
        private = self.added(b.add(PRIVATE))
        self.wait_agreement()
        say("mappings added through either member appear on both, with the same ports")
        shown = a.console("connector:group")
        self.expect(re.search(r"This member +: READY", shown) and shown.count(", present") == 2
                    and re.search(rf"Mappings +: {len(self.acknowledged)} in the group's table", shown),
                    f"connector:group on member a shows both members present and the mappings:\n{shown}")
        status = a.console("connector:status")
        self.expect(re.search(rf"Group +: {NAME}: READY, 2 of 2 members present, {len(self.acknowledged)} mappings",
                              status), f"connector:status on member a has the group's line:\n{status}")
        if self.measure:
            say("connector:group on member a:\n" + shown.rstrip())

        pool = [Agent(public["port1"], public["passcode1"], f"public-agent-{i}") for i in range(2)]
        ends = (Agent(private["port1"], private["passcode1"], "private-1", echo=False),
                Agent(private["port2"], private["passcode2"], "private-2", echo=False))
        self.agents = pool + list(ends)
        for agent in self.agents:
            agent.start()
        self.expect(self.served_within(public["port2"], 20), "a public client is served through the floating address")
        self.expect(private_exchange(ends[0], ends[1], b"ping-1") and private_exchange(ends[1], ends[0], b"pong-1"),
                    "the private pipe carries bytes both ways through the floating address")
        say("public and private pipe carry traffic through the floating address")

        for round_number in range(1, self.rounds + 1):
            active = self.failover(round_number, active, public, ends)
        self.split_and_merge()
        if self.measure:
            self.measure_adds_and_memory()
        self.report()

    def wait_holder(self, wanted, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            key = self.keepalived.holder()
            if wanted(key):
                return key
            time.sleep(0.05)
        raise Failure(f"failed: {what} within {seconds} s (the address is on {self.keepalived.holder()})")

    def added(self, answer):
        self.acknowledged[answer["id"]] = (answer["port1"], answer["port2"])
        return answer

    def check_adds_reach_both(self):
        for i in range(6):
            member = self.members["a" if i % 2 == 0 else "b"]
            self.added(member.add(PUBLIC if i % 3 else PRIVATE))

    def wait_agreement(self, timeout=30):
        """Every acknowledged mapping on every running member with its ports, and nothing else."""
        deadline = time.time() + timeout
        problems = []
        while time.time() < deadline:
            problems = []
            for member in self.members.values():
                if not member.alive():
                    continue
                code, everything = member.status("all")
                if code != 200 or everything["mappings"] != len(self.acknowledged):
                    problems.append(f"member {member.key} has {everything.get('mappings')} mappings, "
                                    f"{len(self.acknowledged)} acknowledged")
                    continue
                for mapping_id, ports in self.acknowledged.items():
                    code, status = member.status(mapping_id)
                    if code != 200 or (status.get("port1"), status.get("port2")) != ports:
                        problems.append(f"member {member.key}: {mapping_id} answered {code} {status}")
            if not problems:
                used = [port for ports in self.acknowledged.values() for port in ports]
                self.expect(len(used) == len(set(used)), f"no port allocated twice: {sorted(used)}")
                return
            time.sleep(0.5)
        raise Failure("members do not agree: " + "; ".join(problems[:5]))

    def served_within(self, port, seconds):
        deadline = time.time() + seconds
        n = 0
        while time.time() < deadline:
            n += 1
            if public_client(port, f"hello-{n}".encode()):
                return True
            time.sleep(0.1)
        return False

    def failover(self, round_number, active, public, ends):
        survivor = "b" if active == "a" else "a"
        dead, alive = self.members[active], self.members[survivor]
        killed_at = time.time()
        dead.kill()
        if self.keepalived:
            self.wait_holder(lambda key: key == survivor, 30,
                             f"round {round_number}: keepalived moves the floating address to member {survivor}")
        else:
            # As keepalived: the check on the active member fails, the other member, healthy, takes the address.
            while dead.check_script_passes():
                time.sleep(0.25)
            code, body = alive.health()
            self.expect(code == 200 and alive.check_script_passes(),
                        f"round {round_number}: the survivor is healthy ({code} {body})")
            self.network.move_floating(survivor)
        moved_at = time.time()
        served = False
        n = 0
        while time.time() - killed_at < 30:
            n += 1
            if public_client(public["port2"], f"after-kill-{round_number}-{n}".encode(), timeout=2.0):
                served = True
                break
            time.sleep(0.1)
        served_at = time.time()
        self.expect(served, f"round {round_number}: a public client is served again within 30 s of the kill")
        self.expect(private_exchange(ends[0], ends[1], f"ping-{round_number}".encode())
                    and private_exchange(ends[1], ends[0], f"pong-{round_number}".encode()),
                    f"round {round_number}: the private pipe carries bytes again")
        # The survivor alone is a group of one: it still takes adds.
        self.added(alive.add(PUBLIC))
        self.wait_agreement()
        present = alive.status("all")[1]["mappings"]
        say(f"round {round_number}: killed member {active}; address moved after {moved_at - killed_at:.2f} s;"
            f" public client served again {served_at - killed_at:.2f} s after the kill;"
            f" {present} of {len(self.acknowledged)} acknowledged mappings present on member {survivor}")
        self.figures.append((served_at - killed_at, len(self.acknowledged), present))

        dead.start()
        dead.wait_healthy(2)
        self.wait_agreement()
        merge = [line for line in dead.log().splitlines()[-400:] if f"Joined group {NAME}" in line]
        self.expect(merge and "took " in merge[-1], f"round {round_number}: member {active} logs what it merged")
        say(f"round {round_number}: member {active} rejoined and agrees; it logged: "
            f"{merge[-1].split('|')[-1].strip()[:300]}")
        if self.keepalived:
            # keepalived takes a member back only after its check passed twice (rise 2, interval 1): until then a
            # kill of the other member waits for VRRP's own timeout (3 s) instead of the priority-0 message.
            time.sleep(3)
        return survivor

    def split_and_merge(self):
        """Member a cut off from b: both go on alone and take adds, likely of the same ports, and b removes a
        mapping; once the link is back the halves merge by the group's rule: the union, the removal applied,
        the older of two mappings on one port kept, the clash logged."""
        a, b = self.members["a"], self.members["b"]
        for agent in self.agents:
            agent.stop()
        run("ip", "-n", self.network.ns["a"], "link", "set", "eth0", "down")
        self.wait_members_present({a: a.inside, b: lambda method, path: http_request(b.address, method, path, None)}, 1, 40)
        code, left = a.inside("POST", "/api/v2/mapping/add", {"mapping": json.dumps(PUBLIC)})
        self.expect(code == 200, f"member a, cut off, takes an add ({code} {left})")
        right = b.add(PUBLIC)
        gone = next(iter(self.acknowledged))
        code, answer = b.remove(gone)
        self.expect(code == 200, f"member b, cut off, takes a remove ({code} {answer})")
        del self.acknowledged[gone]
        clash = bool({left["port1"], left["port2"]} & {right["port1"], right["port2"]})
        run("ip", "-n", self.network.ns["a"], "link", "set", "eth0", "up")
        self.wait_members_present({a: a.inside, b: lambda method, path: http_request(b.address, method, path, None)}, 2, 90)
        self.added(left)
        if not clash:
            self.added(right)
        self.wait_agreement(60)
        if clash:
            logged = [line for m in (a, b) for line in m.log().splitlines()
                      if "port clash" in line and left["id"] in line and right["id"] in line]
            self.expect(logged, "a member logs the port clash with both mappings' ids")
            say(f"split: a and b took adds on the same ports ({left['port1']}/{left['port2']}); after the merge the older"
                f" one, {left['id']}, kept them, the other was removed; logged: {logged[0].split('|')[-1].strip()[:400]}")
        else:
            say("split: a and b took adds on different ports; after the merge both are on both members")
        say(f"split: the mapping b removed while cut off ({gone}) stayed removed after the merge")

    def wait_members_present(self, asks, count, seconds):
        deadline = time.time() + seconds
        seen = {}
        while time.time() < deadline:
            for member, ask in asks.items():
                try:
                    code, body = ask("GET", "/health")
                    seen[member.key] = sum(1 for m in body["group"]["members"] if m["present"])
                except (OSError, TypeError, KeyError, ValueError, subprocess.SubprocessError):
                    seen[member.key] = None
            if all(n == count for n in seen.values()):
                return
            time.sleep(0.5)
        raise Failure(f"failed: members present {seen}, expected {count} on each, within {seconds} s")

    def measure_adds_and_memory(self):
        a, b = self.members["a"], self.members["b"]
        for member in (a, b):
            member.wait_healthy(2)
        on = self.time_adds(a, 200)
        # The group switched off while running: the etc file changed, Config Admin applies it in place.
        self.switch_group(False)
        off = self.time_adds(a, 200)
        say(f"add latency through member a's REST API, group on (2 members): p50 {on[0]:.2f} ms, p99 {on[1]:.2f} ms;"
            f" group off: p50 {off[0]:.2f} ms, p99 {off[1]:.2f} ms")
        self.switch_group(True)
        for member in (a, b):
            member.wait_healthy(2)
        rss = {}
        for enabled in (True, False):
            a.stop()
            a.configure(enabled)
            a.start()
            deadline = time.time() + 120
            while time.time() < deadline and a.health()[0] != 200:
                time.sleep(0.5)
            time.sleep(20)
            rss[enabled] = a.rss_mb()
        say(f"member a's RSS 20 s after a start with {len(self.acknowledged)} mappings: group on {rss[True]:.0f} MB,"
            f" group off {rss[False]:.0f} MB")

    def switch_group(self, enabled):
        for member in self.members.values():
            member.configure(enabled)
        wanted = "READY" if enabled else "OFF"
        deadline = time.time() + 60
        while time.time() < deadline:
            states = [m.health()[1]["group"]["status"] for m in self.members.values()]
            if all(state == wanted for state in states):
                return
            time.sleep(0.5)
        raise Failure(f"the group was not {wanted} on both members within 60 s of editing its etc file")

    def time_adds(self, member, n):
        times = []
        for _ in range(n):
            started = time.perf_counter()
            answer = member.add(PUBLIC)
            times.append((time.perf_counter() - started) * 1000)
            member.remove(answer["id"])
        times.sort()
        return statistics.median(times), times[int(len(times) * 0.99) - 1]

    def report(self):
        if not self.figures:
            return
        times = [f[0] for f in self.figures]
        say(f"{len(self.figures)} failover(s): kill to client served again {min(times):.2f}-{max(times):.2f} s"
            f" (median {statistics.median(times):.2f} s); acknowledged vs present: "
            + ", ".join(f"{f[1]}/{f[2]}" for f in self.figures))

    @staticmethod
    def expect(condition, what):
        if not condition:
            raise Failure("failed: " + what)

    def teardown(self):
        for agent in self.agents:
            agent.stop()
        if self.keepalived:
            self.keepalived.stop()
        for member in self.members.values():
            try:
                member.stop()
            except Exception as e:  # teardown goes on whatever happened
                say(f"stopping member {member.key}: {e}")
        self.network.down()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--garp":
        gratuitous_arp(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("tarball")
    parser.add_argument("work")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("GROUP_TEST_ROUNDS", "2")))
    parser.add_argument("--measure", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0 or shutil.which("ip") is None:
        why = "it needs root and iproute2 (ip netns) to create its namespaces"
        if os.environ.get("GROUP_TEST_REQUIRED") == "1":
            say(f"cannot run: {why}, and GROUP_TEST_REQUIRED=1 says it must")
            return 1
        say(f"SKIPPED: {why}; run the build as root to run it (GROUP_TEST_REQUIRED=1 makes this a failure)")
        return 0
    test = GroupTest(os.path.abspath(args.tarball), os.path.abspath(args.work), args.rounds, args.measure)
    try:
        test.main()
        say("passed")
        return 0
    except Exception as e:  # a failed check, or anything unexpected: say what, then show the members' logs
        say(str(e) if isinstance(e, Failure) else f"failed unexpectedly: {e!r}")
        if not isinstance(e, Failure):
            traceback.print_exc()
        for member in test.members.values():
            try:
                say(f"last lines of member {member.key}'s log:\n" + "\n".join(member.log().splitlines()[-30:]))
            except OSError:
                pass
        return 1
    finally:
        test.teardown()


if __name__ == "__main__":
    sys.exit(main())
