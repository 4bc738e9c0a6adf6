#!/usr/bin/env python3
"""Stand-ins for the code hosts' REST APIs, over HTTPS on 127.0.0.1, for
sshgen's tests (tests/integration/code_hosts.rs).

One server answers for four hosts under path prefixes: /bitbucket (the
Bitbucket Cloud API's base), /github, /gitlab/api/v4 and /gitea/api/v1.
Every request is checked against the operation's documented contract:
method, path, the authentication header the host documents, and the
required body fields with their types. A request that breaks a contract is
answered 599 and recorded in the state's "violations", which the tests
assert empty. Answers use the documented status codes and body shapes.
Pages are two items long, so that every listing is followed across pages.

Sources of the contracts (operation ids or paths as each description
names them):
- Bitbucket Cloud, Atlassian's swagger.v3.json:
  GET/POST /2.0/repositories/{workspace}/{repo_slug}/deploy-keys,
  GET/PUT/DELETE .../deploy-keys/{key_id},
  GET/PUT/DELETE .../pipelines_config/ssh/key_pair,
  GET/POST .../pipelines_config/ssh/known_hosts.
- GitHub, github/rest-api-description api.github.com.yaml:
  repos/list-deploy-keys, repos/create-deploy-key, repos/delete-deploy-key,
  actions/get-repo-public-key, actions/create-or-update-repo-secret,
  actions/delete-repo-secret.
- GitLab, doc/api/openapi/openapi_v2.yaml and the deploy keys and project
  variables API: GET/POST /projects/:id/deploy_keys, PUT/DELETE
  /projects/:id/deploy_keys/:key_id, POST /projects/:id/variables,
  PUT and DELETE /projects/:id/variables/:key.
- Gitea, templates/swagger/v1_json.tmpl: repoListKeys, repoCreateKey,
  repoDeleteKey, updateRepoSecret, deleteRepoSecret.

Test control (not part of any host's API): GET /_state, POST /_control
(faults: answer STATUS to the next N requests matching METHOD and a path
part, with Retry-After; or hang before or after doing one), GET
/_sshd/keys (authorized_keys lines of every deploy key, for sshd's
AuthorizedKeysCommand).
"""
import base64
import json
import re
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs, unquote

PAGE = 2
LOCK = threading.Lock()
STATE = {
    "config": {},
    "keys": {},        # "host repo" -> [key objects]
    "next_id": 1,
    "secrets": {},     # "host repo name" -> stored value
    "pipelines": {},   # repo -> {"private_key", "public_key"}
    "known_hosts": {}, # repo -> [objects]
    "violations": [],
    "requests": [],
    "faults": [],
    "hang": None,
    "hanging": False,
}


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def key_body(key):
    parts = key.split()
    return " ".join(parts[:2])


class Violation(Exception):
    pass


def need(body, field, kind):
    if not isinstance(body, dict) or field not in body:
        raise Violation(f"body lacks the required field {field}")
    if not isinstance(body[field], kind):
        raise Violation(f"{field} is not {kind.__name__}")


def optional(body, field, kind):
    if field in body and not isinstance(body[field], kind):
        raise Violation(f"{field} is not {kind.__name__}")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=None, headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return None
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            raise Violation("a body without Content-Type: application/json")
        return json.loads(raw)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        url = urlsplit(self.path)
        path = url.path
        query = parse_qs(url.query)
        try:
            body = self.body()
        except (Violation, ValueError) as e:
            return self.violation(method, path, str(e))
        if path == "/_state":
            with LOCK:
                return self.answer(200, {k: v for k, v in STATE.items() if k != "faults"})
        if path == "/_control":
            with LOCK:
                STATE["faults"].extend(body.get("faults", []))
                if "hang" in body:
                    STATE["hang"] = body["hang"]
                    STATE["hanging"] = False
                if "config" in body:
                    STATE["config"].update(body["config"])
                if "pipelines" in body:
                    STATE["pipelines"].update(body["pipelines"])
                if "seed" in body:
                    for item in body["seed"]:
                        self.store_key(item["host"], item["repo"], item["key"], item["title"], True)
            return self.answer(200, {})
        if path == "/_sshd/keys":
            with LOCK:
                # "sshd_ignores_after": sshd lets in only keys added up to
                # that id (a host that has not taken a new key in yet).
                last = STATE["config"].get("sshd_ignores_after")
                lines = sorted({k["key"] for keys in STATE["keys"].values() for k in keys
                                if last is None or k["id"] <= last})
            data = "".join(f"restrict {line}\n" for line in lines).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        with LOCK:
            STATE["requests"].append({"method": method, "path": self.path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()}})
            for fault in STATE["faults"]:
                if fault.get("after"):
                    continue
                if fault["method"] == method and fault["path"] in path and fault.get("times", 1) > 0:
                    fault["times"] = fault.get("times", 1) - 1
                    headers = [("Retry-After", str(fault["retry_after"]))] if "retry_after" in fault else []
                    return self.answer(fault["status"], {"message": "stand-in fault"}, headers)
            hang = STATE["hang"]
        if hang and hang["method"] == method and hang["path"] in path and hang["when"] == "before":
            self.hang_now()
        try:
            status, answer, headers = self.route(method, path, query, body)
        except Violation as e:
            return self.violation(method, path, str(e))
        if hang and hang["method"] == method and hang["path"] in path and hang["when"] == "after":
            self.hang_now()
        # A fault "after": the operation is carried out, and its answer
        # lost to a 5xx (as a proxy in between can make happen).
        with LOCK:
            for fault in STATE["faults"]:
                if fault.get("after") and fault["method"] == method and fault["path"] in path and fault.get("times", 1) > 0:
                    fault["times"] = fault.get("times", 1) - 1
                    return self.answer(fault["status"], {"message": "stand-in fault after the fact"})
        self.answer(status, answer, headers)

    def hang_now(self):
        with LOCK:
            STATE["hanging"] = True
            STATE["hang"] = None
        time.sleep(120)

    def violation(self, method, path, why):
        with LOCK:
            STATE["violations"].append(f"{method} {path}: {why}")
        self.answer(599, {"message": f"contract: {why}"})

    # Authentication, as each host documents it.
    def auth(self, host):
        tokens = STATE["config"].get("tokens", {}).get(host, {})
        if host == "gitlab":
            given = self.headers.get("PRIVATE-TOKEN")
        else:
            header = self.headers.get("Authorization", "")
            scheme, _, value = header.partition(" ")
            allowed = {"github": ["Bearer"], "gitea": ["token"], "bitbucket": ["Bearer", "Basic"]}[host]
            if scheme not in allowed:
                raise Violation(f"Authorization scheme {scheme!r}, not one of {allowed}")
            given = value
            if scheme == "Basic":
                user, _, given = base64.b64decode(value).decode().partition(":")
                if "@" not in user:
                    raise Violation("Basic user is not an e-mail address")
        if given is None:
            raise Violation("no credential header")
        return tokens.get(given)

    def route(self, method, path, query, body):
        for prefix, host, handler in (
            ("/bitbucket/2.0/repositories/", "bitbucket", self.bitbucket),
            ("/github/repos/", "github", self.github),
            ("/gitlab/api/v4/projects/", "gitlab", self.gitlab),
            ("/gitea/api/v1/repos/", "gitea", self.gitea),
        ):
            if path.startswith(prefix):
                if host == "github" and self.headers.get("X-GitHub-Api-Version") != "2022-11-28":
                    raise Violation("no X-GitHub-Api-Version: 2022-11-28")
                rest = path[len(prefix):]
                role = self.auth(host)
                if role is None:
                    return 401, {"message": "Bad credentials"}, []
                return handler(method, rest, query, body, role)
        raise Violation("no such operation")

    def repo_of(self, host, repo):
        if repo not in STATE["config"].get("repos", []) or repo in STATE["config"].get("hidden", []):
            return None
        return STATE["keys"].setdefault(f"{host} {repo}", [])

    def store_key(self, host, repo, key, title, read_only):
        keys = STATE["keys"].setdefault(f"{host} {repo}", [])
        item = {"id": STATE["next_id"], "key": key_body(key), "title": title,
                "read_only": read_only, "created_at": now()}
        STATE["next_id"] += 1
        keys.append(item)
        return item

    def owner_of(self, host, key):
        for name, keys in STATE["keys"].items():
            if name.startswith(host + " ") and any(key_body(k["key"]) == key_body(key) for k in keys):
                return name.split(" ", 1)[1]
        return None

    def taken(self, host, key):
        return any(key_body(k["key"]) == key_body(key)
                   for name, keys in STATE["keys"].items() if name.startswith(host + " ")
                   for k in keys)

    def page(self, items, query, size_field, base):
        size = min(int((query.get(size_field) or [PAGE])[0]), PAGE)
        page = int((query.get("page") or ["1"])[0])
        chunk = items[(page - 1) * size: page * size]
        more = page * size < len(items)
        return chunk, more, page

    def link(self, base, size_field, page):
        port = self.server.server_address[1]
        return ("Link", f'<https://127.0.0.1:{port}{base}?{size_field}={PAGE}&page={page + 1}>; rel="next"')

    def github(self, method, rest, query, body, role):
        m = re.fullmatch(r"([^/]+/[^/]+)/(keys|keys/(\d+)|actions/secrets/public-key|actions/secrets/([A-Za-z0-9_]+))", rest)
        if not m:
            raise Violation("no such GitHub operation")
        repo, what, key_id, secret = m.group(1), m.group(2), m.group(3), m.group(4)
        if self.headers.get("Accept") not in ("application/vnd.github+json", "application/json"):
            raise Violation("Accept is not application/vnd.github+json")
        with LOCK:
            keys = self.repo_of("github", repo)
            if keys is None:
                return 404, {"message": "Not Found"}, []
            if role != "admin":
                return 403, {"message": "Resource not accessible by personal access token"}, []
            if what == "keys" and method == "GET":
                chunk, more, page = self.page(keys, query, "per_page", None)
                headers = [self.link(f"/github/repos/{repo}/keys", "per_page", page)] if more else []
                return 200, [dict(k, last_used=None) for k in chunk], headers
            if what == "keys" and method == "POST":
                need(body, "key", str)
                optional(body, "title", str)
                optional(body, "read_only", bool)
                if self.taken("github", body["key"]):
                    return 422, {"message": "Validation Failed", "errors": [{"resource": "PublicKey", "code": "custom", "field": "key", "message": "key is already in use"}], "documentation_url": "https://docs.github.com/rest/deploy-keys/deploy-keys#create-a-deploy-key", "status": "422"}, []
                return 201, self.store_key("github", repo, body["key"], body.get("title", ""), body.get("read_only", False)), []
            if key_id and method == "DELETE":
                before = len(keys)
                keys[:] = [k for k in keys if k["id"] != int(key_id)]
                return (204, None, []) if len(keys) < before else (404, {"message": "Not Found"}, [])
            if what == "actions/secrets/public-key" and method == "GET":
                return 200, {"key_id": "568250167242549743", "key": STATE["config"]["github_secret_public_key"]}, []
            if secret and method == "DELETE":
                # actions/delete-repo-secret
                return (204, None, []) if STATE["secrets"].pop(f"github {repo} {secret}", None) else (404, {"message": "Not Found"}, [])
            if secret and method == "PUT":
                need(body, "encrypted_value", str)
                need(body, "key_id", str)
                name = f"github {repo} {secret}"
                existed = name in STATE["secrets"]
                STATE["secrets"][name] = body
                return (204 if existed else 201), None, []
        raise Violation(f"{method} is not an operation of {what}")

    def gitea(self, method, rest, query, body, role):
        m = re.fullmatch(r"([^/]+/[^/]+)/(keys|keys/(\d+)|actions/secrets/([A-Za-z0-9_]+))", rest)
        if not m:
            raise Violation("no such Gitea operation")
        repo, what, key_id, secret = m.group(1), m.group(2), m.group(3), m.group(4)
        with LOCK:
            keys = self.repo_of("gitea", repo)
            if keys is None:
                return 404, {"message": "The target couldn't be found.", "errors": []}, []
            if role != "admin":
                return 403, {"message": "token does not have at least one of required scope(s): [write:repository]"}, []
            if what == "keys" and method == "GET":
                chunk, more, page = self.page(keys, query, "limit", None)
                headers = [self.link(f"/gitea/api/v1/repos/{repo}/keys", "limit", page)] if more else []
                return 200, chunk, headers
            if what == "keys" and method == "POST":
                need(body, "key", str)
                need(body, "title", str)
                optional(body, "read_only", bool)
                if self.taken("gitea", body["key"]):
                    return 422, {"message": "Key content has been used as non-deploy key"}, []
                return 201, self.store_key("gitea", repo, body["key"], body["title"], body.get("read_only", False)), []
            if key_id and method == "DELETE":
                before = len(keys)
                keys[:] = [k for k in keys if k["id"] != int(key_id)]
                return (204, None, []) if len(keys) < before else (404, {"message": "Not Found"}, [])
            if secret and method == "DELETE":
                # deleteRepoSecret
                return (204, None, []) if STATE["secrets"].pop(f"gitea {repo} {secret}", None) else (404, {"message": "Not Found"}, [])
            if secret and method == "PUT":
                need(body, "data", str)
                name = f"gitea {repo} {secret}"
                existed = name in STATE["secrets"]
                STATE["secrets"][name] = body
                return (204 if existed else 201), None, []
        raise Violation(f"{method} is not an operation of {what}")

    def gitlab(self, method, rest, query, body, role):
        m = re.fullmatch(r"([^/]+)/(deploy_keys|deploy_keys/(\d+)|variables|variables/([A-Za-z0-9_]+))", rest)
        if not m:
            raise Violation("no such GitLab operation (is the project path URL-encoded?)")
        repo, what, key_id, variable = unquote(m.group(1)), m.group(2), m.group(3), m.group(4)
        with LOCK:
            keys = self.repo_of("gitlab", repo)
            if keys is None:
                return 404, {"message": "404 Project Not Found"}, []
            if role != "admin":
                return 403, {"message": "403 Forbidden"}, []
            shown = lambda k: {"id": k["id"], "title": k["title"], "key": k["key"], "created_at": k["created_at"], "expires_at": None, "can_push": not k["read_only"]}
            if what == "deploy_keys" and method == "GET":
                chunk, more, page = self.page(keys, query, "per_page", None)
                headers = [self.link(f"/gitlab/api/v4/projects/{m.group(1)}/deploy_keys", "per_page", page)] if more else []
                return 200, [shown(k) for k in chunk], headers
            if what == "deploy_keys" and method == "POST":
                need(body, "key", str)
                need(body, "title", str)
                optional(body, "can_push", bool)
                # "If the deploy key already exists in another project, it's
                # joined to the current project only if the original one is
                # accessible by the same user" (GitLab's deploy keys API).
                owner = self.owner_of("gitlab", body["key"])
                if owner is not None and (owner == repo or owner in STATE["config"].get("hidden", [])):
                    return 400, {"message": {"deploy_key.fingerprint_sha256": ["has already been taken"]}}, []
                if owner is not None:
                    original = next(k for k in STATE["keys"][f"gitlab {owner}"] if k["key"] == key_body(body["key"]))
                    joined = dict(original, title=body["title"], read_only=not body.get("can_push", False))
                    keys.append(joined)
                    return 201, shown(joined), []
                return 201, shown(self.store_key("gitlab", repo, body["key"], body["title"], not body.get("can_push", False))), []
            if key_id and method == "PUT":
                optional(body, "title", str)
                for k in keys:
                    if k["id"] == int(key_id):
                        k["title"] = body.get("title", k["title"])
                        return 200, shown(k), []
                return 404, {"message": "404 Deploy Key Not Found"}, []
            if key_id and method == "DELETE":
                before = len(keys)
                keys[:] = [k for k in keys if k["id"] != int(key_id)]
                return (204, None, []) if len(keys) < before else (404, {"message": "404 Deploy Key Not Found"}, [])
            if variable and method == "DELETE":
                # DELETE /projects/:id/variables/:key
                return (204, None, []) if STATE["secrets"].pop(f"gitlab {repo} {variable}", None) else (404, {"message": "404 Variable Not Found"}, [])
            if what == "variables" and method == "POST" or variable and method == "PUT":
                need(body, "key", str)
                need(body, "value", str)
                optional(body, "variable_type", str)
                optional(body, "protected", bool)
                if body.get("variable_type", "env_var") not in ("env_var", "file"):
                    raise Violation("variable_type is not env_var or file")
                name = f"gitlab {repo} {body['key']}"
                if method == "POST" and name in STATE["secrets"]:
                    return 400, {"message": {"key": [f"({body['key']}) has already been taken"]}}, []
                STATE["secrets"][name] = body
                return (201 if method == "POST" else 200), dict(body), []
        raise Violation(f"{method} is not an operation of {what}")

    def bitbucket(self, method, rest, query, body, role):
        m = re.fullmatch(r"([^/]+/[^/]+)/(deploy-keys|deploy-keys/(\d+)|pipelines_config/ssh/key_pair|pipelines_config/ssh/known_hosts)", rest)
        if not m:
            raise Violation("no such Bitbucket operation")
        repo, what, key_id = m.group(1), m.group(2), m.group(3)
        error = lambda message: {"type": "error", "error": {"message": message}}
        with LOCK:
            keys = self.repo_of("bitbucket", repo)
            if keys is None:
                return 404, error("Repository not found"), []
            if role != "admin":
                return 403, error("Your credentials lack one or more required privilege scopes."), []
            shown = lambda k: {"type": "deploy_key", "id": k["id"], "key": k["key"], "label": k["title"], "comment": "", "added_on": k["created_at"], "last_used": None}
            if what == "deploy-keys" and method == "GET":
                chunk, more, page = self.page(keys, query, "pagelen", None)
                port = self.server.server_address[1]
                answer = {"pagelen": PAGE, "page": page, "size": len(keys), "values": [shown(k) for k in chunk]}
                if more:
                    answer["next"] = f"https://127.0.0.1:{port}/bitbucket/2.0/repositories/{repo}/deploy-keys?pagelen={PAGE}&page={page + 1}"
                return 200, answer, []
            if what == "deploy-keys" and method == "POST":
                need(body, "key", str)
                need(body, "label", str)
                if self.taken("bitbucket", body["key"]):
                    return 400, error("Someone has already added that access key to this repository."), []
                return 200, shown(self.store_key("bitbucket", repo, body["key"], body["label"], True)), []
            if key_id and method == "PUT":
                need(body, "label", str)
                need(body, "key", str)
                for k in keys:
                    if k["id"] == int(key_id):
                        if key_body(body["key"]) != k["key"]:
                            return 400, error("The key cannot be changed, only its label."), []
                        k["title"] = body["label"]
                        return 200, shown(k), []
                return 404, error("Deploy key not found"), []
            if key_id and method == "DELETE":
                before = len(keys)
                keys[:] = [k for k in keys if k["id"] != int(key_id)]
                return (204, None, []) if len(keys) < before else (404, error("Deploy key not found"), [])
            if what.endswith("key_pair") and method == "GET":
                pair = STATE["pipelines"].get(repo)
                if pair is None:
                    return 404, error("No SSH key pair"), []
                return 200, {"type": "pipeline_ssh_key_pair", "public_key": pair["public_key"]}, []
            if what.endswith("key_pair") and method == "DELETE":
                return (204, None, []) if STATE["pipelines"].pop(repo, None) else (404, error("No SSH key pair"), [])
            if what.endswith("key_pair") and method == "PUT":
                need(body, "private_key", str)
                need(body, "public_key", str)
                STATE["pipelines"][repo] = body
                return 200, {"type": "pipeline_ssh_key_pair", "public_key": body["public_key"]}, []
            if what.endswith("known_hosts") and method == "GET":
                # getRepositoryPipelineKnownHosts: paginated_pipeline_known_hosts
                known = STATE["known_hosts"].get(repo, [])
                chunk, more, page = self.page(known, query, "pagelen", None)
                port = self.server.server_address[1]
                answer = {"pagelen": PAGE, "page": page, "size": len(known),
                          "values": [dict(k, type="pipeline_known_host") for k in chunk]}
                if more:
                    answer["next"] = f"https://127.0.0.1:{port}/bitbucket/2.0/repositories/{repo}/pipelines_config/ssh/known_hosts?pagelen={PAGE}&page={page + 1}"
                return 200, answer, []
            if what.endswith("known_hosts") and method == "POST":
                need(body, "hostname", str)
                need(body, "public_key", dict)
                need(body["public_key"], "key_type", str)
                need(body["public_key"], "key", str)
                STATE["known_hosts"].setdefault(repo, []).append(body)
                return 201, dict(body, type="pipeline_known_host"), []
        raise Violation(f"{method} is not an operation of {what}")


def main():
    cert, key, port_file = sys.argv[1], sys.argv[2], sys.argv[3]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
