#!/usr/bin/env python3
"""tests/httpd.py PAGE LOG: a stand-in for the Wikimedia REST API on
127.0.0.1, for t_fetch.sh.  Binds port 0 and prints the port.  Serves
/page/html/TITLE, where the title picks what the server does: the page
PAGE (with an ETag, If-None-Match and gzip honoured), or one failure.
Appends one line per request to LOG: method, target, and the headers
mssdoc must send."""
import gzip, http.server, os, sys, time, urllib.parse

PAGE, LOG = sys.argv[1], sys.argv[2]
busy_seen = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="text/html; charset=utf-8",
             headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        title = urllib.parse.unquote(path.rsplit("/", 1)[-1])
        ae = self.headers.get("Accept-Encoding", "")
        with open(LOG, "a") as f:
            f.write("%s %s UA=%s AE=%s INM=%s\n" % (
                self.command, self.path, self.headers.get("User-Agent"), ae,
                self.headers.get("If-None-Match")))
        page = open(PAGE, "rb").read()
        if title in ("Ministry_of_State_Security_(China)", "Good", "NoAbout"):
            rev = "2222" if title == "NoAbout" else "1111"
            if title == "NoAbout":
                page = page.replace(b' about="', b' data-x="')
            etag = '"%s/6d2a3c40-0000-11ef-8000-000000000000"' % rev
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            hdrs = [("ETag", etag)]
            if "gzip" in ae:
                page = gzip.compress(page)
                hdrs.append(("Content-Encoding", "gzip"))
                with open(LOG, "a") as f:
                    f.write("sent gzip\n")
            self.send(200, page, headers=hdrs)
        elif title == "Missing":
            self.send(404, b'{"httpCode":404}', "application/json")
        elif title == "Broken":
            self.send(500, b"<html><body>error</body></html>")
        elif title == "Busy":  # 429 once, with a short Retry-After
            if title in busy_seen:
                page = page.replace(b' about="', b' data-x="')
                self.send(200, page, headers=[("ETag", '"3333/x"')])
            else:
                busy_seen.add(title)
                self.send(429, b"", headers=[("Retry-After", "1")])
        elif title == "Patient":
            self.send(503, b"", headers=[("Retry-After", "3600")])
        elif title == "Hang":
            time.sleep(60)
        elif title == "Truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page[: len(page) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif title == "Huge":  # 40 MiB, no Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(b"<!DOCTYPE html><html><body><p>")
                for _ in range(40):
                    self.wfile.write(b"x" * (1 << 20))
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif title == "Slow":  # the page in 8 pieces over 2 s
            page = page.replace(b"/revision/1111", b"/revision/6666")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("ETag", '"6666/x"')
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            step = len(page) // 8 + 1
            for i in range(0, len(page), step):
                self.wfile.write(page[i:i + step])
                self.wfile.flush()
                time.sleep(0.25)
        elif title == "Bare":  # a page that names no revision of its own
            for key in (b'"wgRevisionId"', b'"wgCurRevisionId"',
                        b'rel="canonical"', b'oldid='):
                page = page.replace(key, b'"x-' + key.strip(b'"') + b'"')
            self.send(200, page, headers=[("ETag", '"7777/x"')])
        elif title == "Text":
            self.send(200, open(PAGE, "rb").read(), "text/plain",
                      [("ETag", '"4444/x"')])
        elif title == "Nothing":
            self.send(200, b"<!DOCTYPE html><html><head><title>Nothing</title></head>"
                      b"<body></body></html>", headers=[("ETag", '"5555/x"')])
        else:
            self.send(404, b"")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
