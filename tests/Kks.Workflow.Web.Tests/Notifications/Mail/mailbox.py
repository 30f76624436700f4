"""Test helper for the mail tests (Debian's python3-aiosmtpd).

  mailbox.py serve PORT FOLDER   a real SMTP server on 127.0.0.1:PORT; each message it accepts is parsed with
                                 Python's email package and written to FOLDER as one JSON file; prints "ready",
                                 stops when stdin closes.
  mailbox.py parse FILE...       parses .eml files (the pickup folder) and prints one JSON object per line.
"""
import email
import email.policy
import json
import os
import sys
import threading


def parse(raw, rcpt_tos=None, mail_from=None):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    return {
        "messageId": msg["Message-ID"],
        "subject": str(msg["Subject"]),
        "to": str(msg["To"]),
        "from": str(msg["From"]),
        "contentType": msg.get_content_type(),
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "rcptTos": rcpt_tos,
        "mailFrom": mail_from,
    }


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        data = parse(envelope.original_content or envelope.content, list(envelope.rcpt_tos), envelope.mail_from)
        with self.lock:
            self.count += 1
            name = "%06d" % self.count
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, os.path.join(self.folder, name + ".json"))
        return "250 OK"


def serve(port, folder):
    from aiosmtpd.controller import Controller
    os.makedirs(folder, exist_ok=True)
    # server_hostname: otherwise every connection looks up the machine's FQDN (slow without DNS).
    controller = Controller(Handler(folder), hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        for path in sys.argv[2:]:
            with open(path, "rb") as f:
                print(json.dumps(parse(f.read())))
