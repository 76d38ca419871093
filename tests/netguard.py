"""Run a Python program with every attempt to reach another machine refused and written to a log.

`python tests/netguard.py LOG -m module args...` or `python tests/netguard.py LOG script.py args...`.
Loopback and Unix sockets pass; a TCP connect, a UDP send or a name look-up aimed elsewhere is logged to LOG (one
line each) and fails with OSError, so the program goes on as it would offline. A UDP connect only picks a route and
sends nothing, so it passes.
"""
import ipaddress
import runpy
import socket
import sys
import threading

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_lock = threading.Lock()


def is_local(host):
    """Loopback or unspecified (binding), by address or by the names that never leave the machine."""
    if host is None or str(host).lower() in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def install(log_path):
    """Wrap the socket module's ways out so that non-local ones are logged and refused."""
    def record(what, target):
        with _lock, open(log_path, "a", encoding="utf-8") as log:
            log.write(f"{what} {target!r} in {threading.current_thread().name}\n")
        raise OSError(f"netguard: {what} to {target!r} refused")

    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_sendto, original_getaddrinfo = socket.socket.sendto, socket.getaddrinfo
    original_gethostbyname = socket.gethostbyname

    def outside(sock, address):
        return sock.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0])

    def guarded_connect(original):
        def connect(sock, address):
            if outside(sock, address) and sock.type != socket.SOCK_DGRAM:
                record("connect", address)
            return original(sock, address)
        return connect

    connect, connect_ex = guarded_connect(original_connect), guarded_connect(original_connect_ex)

    def sendto(sock, data, *args):
        address = args[-1]
        if outside(sock, address):
            record("sendto", address)
        return original_sendto(sock, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local(host):
            record("lookup", host)
        return original_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        if not is_local(host):
            record("lookup", host)
        return original_gethostbyname(host)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname


def main(argv):
    """Install the guard, then run the rest of the command line as `python` would."""
    log_path, target, *rest = argv
    install(log_path)
    if target == "-m":
        module, *rest = rest
        sys.argv = [module, *rest]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = [target, *rest]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
