"""Just enough SMTP on 127.0.0.1 to take messages and keep them (tests/test_mail_worker.py, bench/): each
message as its recipients and its raw text. Not a mail server: no TLS, no authentication, no checks."""

import socketserver
import threading


class _Session(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        recipients, lines, in_data = [], [], False
        for line in self.rfile:
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    self.server.sink.keep(recipients, b"".join(lines).decode(errors="replace"))
                    recipients, lines = [], []
                    self.wfile.write(b"250 OK\r\n")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"RCPT":
                recipients.append(line.split(b":", 1)[1].strip().strip(b"<>").decode())
            self.wfile.write({b"DATA": b"354 go\r\n", b"QUIT": b"221 bye\r\n"}.get(verb, b"250 OK\r\n"))
            in_data = verb == b"DATA"
            if verb == b"QUIT":
                return


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # started again on the same port once stopped
    daemon_threads = True


class SMTPSink:
    """`start()` listens on 127.0.0.1:`port` (0: any free port) in a thread, `stop()` closes it; the
    messages taken so far are in `messages` (a list of (recipients, text)), across restarts."""

    def __init__(self, port: int = 0):
        self.port = port
        self.messages: list[tuple[list[str], str]] = []
        self.received = threading.Condition()
        self._server = None

    def keep(self, recipients: list[str], text: str) -> None:
        with self.received:
            self.messages.append((recipients, text))
            self.received.notify_all()

    def wait_for(self, count: int, timeout: float) -> bool:
        """True once `count` messages are in; False after `timeout` seconds."""
        with self.received:
            return self.received.wait_for(lambda: len(self.messages) >= count, timeout)

    def start(self) -> "SMTPSink":
        self._server = _Server(("127.0.0.1", self.port), _Session)
        self._server.sink = self
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
