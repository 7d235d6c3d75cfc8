#!/usr/bin/env python3
"""An editing session for the language server, to count what a change costs.

    bench/lsp_session.py FILE.meso -- COMMAND...

starts COMMAND (`build/meso lsp`, or the same under
`valgrind --tool=callgrind --callgrind-out-file=/dev/null`), opens FILE,
then sends 20 changes of it, every other one with a half-typed line at its
end (a syntax error, as while typing). Each change is followed by a hover,
and the next change is sent only once the hover is answered: the server
checks changes queued behind each other once, for the last text, and this
session is meant to analyse every one. Prints how many diagnostics were
published (21: the open and each change) and the server's exit status.
docs/performance.md, *The language server's change, analysed once*.
"""
import json
import subprocess
import sys


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        sys.exit(__doc__)
    text = open(argv[1], encoding="utf-8").read()
    uri = "file://" + argv[1]
    server = subprocess.Popen(argv[3:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    published = 0

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def answer_to(request_id):
        nonlocal published
        while True:
            length = None
            while True:
                line = server.stdout.readline()
                if not line:
                    sys.exit("lsp_session: the server ended before answering request %d" % request_id)
                if line == b"\r\n":
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(server.stdout.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                published += 1
            if message.get("id") == request_id:
                return message

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    answer_to(1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "meso", "version": 1, "text": text}}})
    half_typed = text.rstrip("\n") + "\nprogram \"Half\" {\n  start 2027-01-04\n  1 we\n"
    for version in range(2, 22):
        changed = half_typed if version % 2 == 0 else text
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": changed}]}})
        send({"jsonrpc": "2.0", "id": 100 + version, "method": "textDocument/hover",
              "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}})
        answer_to(100 + version)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    answer_to(2)
    send({"jsonrpc": "2.0", "method": "exit"})
    server.stdin.close()
    status = server.wait()
    print("lsp_session: published=%d exit=%d" % (published, status))
    return 0 if published == 21 and status == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
