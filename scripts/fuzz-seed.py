"""Seeds a freshly started engine for scripts/fuzz-api.sh and writes its schemathesis config.

Random path parameters almost always hit "404 no such project", so most of the API would never be
reached. This kicks off one project of every shipped SOP (with the example inputs), reads back the
ids the API knows (SOPs, versions, steps, tasks, actions, members, users, departments) and writes a
schemathesis.toml whose dictionaries make the fuzzer use those real values most of the time.

One project of each SOP is kicked off per credential: the fuzzer's own account owns (and so may
cancel) the first set; the second set, owned by someone else, stays active for the whole run.

Usage (run with the fuzz venv's python, which has PyYAML):
    FUZZ_CREDENTIALS="<fuzzer's key> <other owner's token>" \
      python scripts/fuzz-seed.py <base url> <org.yaml> <config out> <cache dir>
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import urllib.error
import urllib.request

import yaml

# A valid kickoff input for each shipped SOP (the ones examples/ and the tests use).
KICKOFFS = {
    "new-product-launch": {
        "projectName": "Fuzz",
        "initiator": "he.yun",
        "projectManager": "zhang.min",
        "members": ["sun.peng", "gao.fei", "lin.tao", "zhu.hong"],
    },
    "change-request-approval": {"requester": "huang.li", "department": "rnd"},
    "incident-response": {"summary": "fuzzing", "severity": "P2", "onCall": "sun.peng"},
}
# Action types the engine knows besides what the active steps accept right now.
ACTIONS = [
    "submit",
    "approve",
    "reject",
    "sendBack",
    "transfer",
    "addApprover",
    "task.add",
    "task.update",
    "task.acknowledge",
    "task.needsHelp",
    "task.cancel",
]


CREDENTIALS = os.environ["FUZZ_CREDENTIALS"].split()


def call(base: str, method: str, path: str, body=None, headers=None, credential: str = CREDENTIALS[0]):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {credential}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def expect(base: str, method: str, path: str, body=None, headers=None, credential: str = CREDENTIALS[0]):
    status, answer = call(base, method, path, body, headers, credential)
    if status >= 300:
        sys.exit(f"[fuzz-seed] {method} {path} answered {status}: {answer}")
    return answer


def toml_list(values) -> str:
    # JSON strings and numbers are valid TOML literals (ensure_ascii keeps them \u-escaped).
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def main() -> None:
    base, org_file, config_out, cache_dir = sys.argv[1:5]
    org = yaml.safe_load(open(org_file, encoding="utf-8"))
    users = sorted(u["id"] for u in org["users"])
    departments = sorted(d["id"] for d in org["departments"])

    sops, versions, steps = [], set(), set()
    for item in expect(base, "GET", "/sops")["sops"]:
        sops.append(item["id"])
        versions.update(v["version"] for v in item["versions"])
        detail = expect(base, "GET", f"/sops/{item['id']}")
        steps.update(s["id"] for s in detail["steps"])

    projects, tasks, actions, members = [], set(), set(ACTIONS), set()
    for credential in CREDENTIALS:
        for sop in (s for s in sops if s in KICKOFFS):
            created = expect(
                base,
                "POST",
                "/projects",
                {"sop": sop, "input": KICKOFFS[sop]},
                {"Idempotency-Key": f"fuzz-seed-{secrets.token_hex(8)}"},
                credential,
            )
            projects.append(created["id"])
    if not projects:
        sys.exit("[fuzz-seed] no project could be kicked off: none of the catalogue's SOPs has a seed input")
    for project in projects:
        view = expect(base, "GET", f"/projects/{project}")
        tasks.update(t["id"] for t in view.get("tasks", []))
        members.update(view.get("members", []))
        for step in view.get("activeSteps", []):
            actions.update(step.get("accepts", []))

    dictionaries = {
        "projects": projects,
        "sops": sops,
        "versions": sorted(versions),
        "steps": sorted(steps),
        "tasks": sorted(tasks),
        "actions": sorted(actions),
        "members": sorted(members),
        "users": users,
        "departments": departments,
    }
    # parameter -> (dictionary, probability): real values most of the time, random ones otherwise.
    bindings = {
        "path.id": ("projects", 0.8),
        "path.sopId": ("sops", 0.7),
        "path.version": ("versions", 0.7),
        "path.stepId": ("steps", 0.7),
        "path.taskId": ("tasks", 0.7),
        "query.version": ("versions", 0.5),
        "query.sop": ("sops", 0.5),
        "query.user": ("users", 0.7),
        "query.owner": ("users", 0.5),
        "query.department": ("departments", 0.7),
        "body.sop": ("sops", 0.8),
        "body.version": ("versions", 0.5),
        "body.type": ("actions", 0.8),
        "body.step": ("steps", 0.7),
        "body.task": ("tasks", 0.7),
        "body.actor.user": ("members", 0.8),
        "body.actor.onBehalfOf": ("users", 0.5),
    }
    lines = [
        "# Written by scripts/fuzz-seed.py for one run of scripts/fuzz-api.sh; do not edit.",
        "[cache]",
        f"directory = {json.dumps(cache_dir)}",
        "",
    ]
    for name, values in dictionaries.items():
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {toml_list(values)}", ""]
    lines.append("[parameters]")
    for parameter, (name, probability) in bindings.items():
        if dictionaries[name]:
            lines.append(f'"{parameter}" = {{ dictionary = "{name}", probability = {probability} }}')
    with open(config_out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    counts = ", ".join(f"{len(v)} {k}" for k, v in dictionaries.items())
    print(f"[fuzz-seed] kicked off {', '.join(projects)}; dictionaries: {counts}")


if __name__ == "__main__":
    main()
