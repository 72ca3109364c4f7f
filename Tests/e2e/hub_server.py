"""A loopback stand-in for the Hugging Face Hub, serving one directory as a dataset repository with the Hub's API
shapes (huggingface_hub's list_repo_tree and hf_hub_download use the same endpoints):

  GET /api/datasets/ORG/NAME/revision/REV          {"sha": COMMIT, ...}; 404 + X-Error-Code: RevisionNotFound
  GET /api/datasets/ORG/NAME/tree/REV/PATH?recursive=true&expand=true
                                                   a page of entries, Link: <...&cursor=N>; rel="next"
  GET /datasets/ORG/NAME/resolve/REV/PATH          small files: the bytes; LFS files: 302 to /cdn/SHA256
  GET /cdn/SHA256                                  the bytes, with Range support

Faults, set on the server object: `cut_once` (paths whose first download stops halfway and drops the connection),
`corrupt` (paths served with one byte changed), `throttle` (how many API calls get 429 with Retry-After: 1 first).
Every request is logged in `log` as (method, path, range header, authorization header).
"""
import hashlib
import json
import os
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COMMIT = "0f3c2a9d5e7b1c4a6f8e0d2b4c6a8e0f1a3c5e7b"
LFS_THRESHOLD = 64 * 1024
PAGE = 7


class FakeHub(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, repo, root):
        super().__init__(("127.0.0.1", 0), Handler)
        self.repo, self.root = repo, root
        self.cut_once, self.corrupt, self.throttle = set(), set(), 0
        self.log, self.lock = [], threading.Lock()
        self.files = []
        for d, _, names in os.walk(root):
            for n in sorted(names):
                full = os.path.join(d, n)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                data = open(full, "rb").read()
                entry = {"type": "file", "path": rel, "size": len(data),
                         "oid": hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()}
                if len(data) > LFS_THRESHOLD:
                    entry["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
                self.files.append(entry)
        self.files.sort(key=lambda e: e["path"])
        self.by_sha = {e["lfs"]["oid"]: e["path"] for e in self.files if "lfs" in e}

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def requests(self, prefix):
        return [r for r in self.log if r[1].startswith(prefix)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send_json(self, code, obj, headers=()):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        hub = self.server
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        with hub.lock:
            hub.log.append(("GET", path, self.headers.get("Range"), self.headers.get("Authorization")))
            throttled = path.startswith("/api/") and hub.throttle > 0
            if throttled:
                hub.throttle -= 1
        if throttled:
            return self.send_json(429, {"error": "rate limited"}, [("Retry-After", "1")])
        api = "/api/datasets/%s/" % hub.repo
        if path.startswith(api + "revision/"):
            rev = path[len(api + "revision/"):]
            if rev not in ("main", COMMIT):
                return self.send_json(404, {"error": "Revision Not Found"}, [("X-Error-Code", "RevisionNotFound"),
                                                                               ("X-Error-Message", "Invalid rev id: " + rev)])
            return self.send_json(200, {"id": hub.repo, "sha": COMMIT})
        if path.startswith(api + "tree/"):
            rest = path[len(api + "tree/"):]
            rev, _, prefix = rest.partition("/")
            if rev != COMMIT:
                return self.send_json(404, {"error": "Revision Not Found"}, [("X-Error-Code", "RevisionNotFound")])
            q = urllib.parse.parse_qs(url.query)
            cursor = int(q.get("cursor", ["0"])[0])
            entries = [e for e in hub.files if e["path"].startswith(prefix.rstrip("/") + "/")]
            page = entries[cursor:cursor + PAGE]
            headers = []
            if cursor + PAGE < len(entries):
                headers.append(("Link", '<%s%s?recursive=true&expand=true&cursor=%d>; rel="next"' % (hub.url, url.path, cursor + PAGE)))
            return self.send_json(200, page, headers)
        resolve = "/datasets/%s/resolve/" % hub.repo
        if path.startswith(resolve):
            rev, _, rel = path[len(resolve):].partition("/")
            entry = next((e for e in hub.files if e["path"] == rel), None)
            if entry is None or rev != COMMIT:
                return self.send_json(404, {"error": "Entry not found"}, [("X-Error-Code", "EntryNotFound")])
            if "lfs" in entry:
                self.send_response(302)
                # The CDN is another host name (as cas-bridge.xethub.hf.co is), so the client must drop the token.
                self.send_header("Location", "http://localhost:%d/cdn/%s" % (hub.server_address[1], entry["lfs"]["oid"]))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            return self.send_file(rel)
        if path.startswith("/cdn/"):
            rel = hub.by_sha.get(path[len("/cdn/"):])
            if rel is None:
                return self.send_json(404, {"error": "no such object"})
            return self.send_file(rel)
        self.send_json(404, {"error": "not found"})

    def send_file(self, rel):
        hub = self.server
        data = open(os.path.join(hub.root, rel), "rb").read()
        if rel in hub.corrupt:
            data = data[:-1] + bytes([data[-1] ^ 0x55])
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
        body = data[start:]
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        with hub.lock:
            cut = rel in hub.cut_once
            hub.cut_once.discard(rel)
        if cut:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)
