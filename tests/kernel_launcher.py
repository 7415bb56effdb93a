"""What Jupyter starts in place of ``python -m ipykernel_launcher`` for a warm kernel.

Run as ``python -I -S -c <this file's text> SOCKET -m ipykernel_launcher ARGS...``: it
hands its argv, environment, working folder and standard streams to the kernel server
(``tests/kernel_server.py``), which forks the kernel. Jupyter then manages this process
as the kernel: signals sent to it are forwarded, and it exits when the kernel does.
Standard library only.
"""

import array
import json
import os
import signal
import socket
import sys

server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.connect(sys.argv[1])
request = json.dumps({"argv": sys.argv[2:], "env": dict(os.environ), "cwd": os.getcwd()})
data = request.encode()
server.sendmsg(
    [len(data).to_bytes(4, "big") + data],
    [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]))],
)


def forward(signum, frame):
    server.send(bytes([signum]))


for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
    signal.signal(signum, forward)
while server.recv(64):  # the kernel sends nothing: this returns when it has ended
    pass
