"""The files and batches endpoints of OpenAI's Batch API, for tests/support/fake_server.py (written
by hand, after OpenAI's documented behaviour; nothing here was recorded).

A batch is worked off when it has been retrieved ``polls`` times: each line of its input file
is answered like a chat request (the server's script and responder decide), 200s go to the
output file and the rest to the error file, each line with its ``custom_id``, as OpenAI does.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import time
from collections.abc import Callable
from typing import Any

Answer = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]


class BatchAPI:
    def __init__(self, answer: Answer, polls: int = 2) -> None:
        self.answer = answer
        self.polls = polls
        self.fail_next_create = False  # make the batch, then answer 500 (a lost reply)
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.lines: list[dict[str, Any]] = []  # every request line of every batch, in order
        self._retrieved: dict[str, int] = {}
        self._ids = itertools.count(1)

    def handle(
        self, method: str, path: str, body: bytes, content_type: str
    ) -> tuple[int, Any] | None:
        """(status, JSON or bytes) for a Batch API path, or None for any other path."""
        parts = path.split("?")[0].strip("/").split("/")[1:]  # without the leading "v1"
        if parts[:1] == ["files"]:
            if method == "POST" and len(parts) == 1:
                return 200, self._upload(_form(body, content_type))
            if method == "GET" and len(parts) == 3 and parts[2] == "content":
                found = self.files.get(parts[1])
                return (200, found) if found is not None else _missing("file")
        if parts[:1] == ["batches"]:
            if method == "POST" and len(parts) == 1:
                made = self._create(json.loads(body))
                if self.fail_next_create:
                    self.fail_next_create = False
                    return 500, {"error": {"message": "test server: made it, then failed"}}
                return 200, made
            if method == "GET" and len(parts) == 2:
                return self._retrieve(parts[1])
            if method == "GET" and len(parts) == 1:  # newest first, one page
                listed = sorted(self.batches.values(), key=lambda b: b["id"], reverse=True)
                return 200, {"object": "list", "data": listed, "has_more": False}
        return None

    def _upload(self, form: dict[str, bytes]) -> dict[str, Any]:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = form["file"]
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(form["file"]),
            "created_at": int(time.time()),
            "filename": "batch.jsonl",
            "purpose": form.get("purpose", b"").decode(),
        }

    def _create(self, request: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"batch_{next(self._ids)}"
        lines = self.files[request["input_file_id"]].decode().splitlines()
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": request["endpoint"],
            "input_file_id": request["input_file_id"],
            "completion_window": request["completion_window"],
            "status": "validating",
            "created_at": int(time.time()),
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "output_file_id": None,
            "error_file_id": None,
        }
        self._retrieved[batch_id] = 0
        return self.batches[batch_id]

    def _retrieve(self, batch_id: str) -> tuple[int, Any]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return _missing("batch")
        self._retrieved[batch_id] += 1
        if batch["status"] != "completed":
            if self._retrieved[batch_id] >= self.polls:
                self._work_off(batch)
            else:
                batch["status"] = "in_progress"
        return 200, batch

    def _work_off(self, batch: dict[str, Any]) -> None:
        done, failed = [], []
        for line in self.files[batch["input_file_id"]].decode().splitlines():
            item = json.loads(line)
            self.lines.append(item)
            status, body = self.answer(item["body"])
            result = {
                "id": f"batch_req_{next(self._ids)}",
                "custom_id": item["custom_id"],
                "response": {"status_code": status, "request_id": "req", "body": body},
                "error": None,
            }
            (done if status == 200 else failed).append(json.dumps(result))
        for name, rows in (("output_file_id", done), ("error_file_id", failed)):
            if rows:
                file_id = f"file-{next(self._ids)}"
                self.files[file_id] = ("\n".join(rows) + "\n").encode()
                batch[name] = file_id
        batch["status"] = "completed"
        batch["request_counts"] = {
            "total": len(done) + len(failed),
            "completed": len(done),
            "failed": len(failed),
        }


def _form(body: bytes, content_type: str) -> dict[str, bytes]:
    """The fields of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = part.get_payload(decode=True) or b""
    return fields


def _missing(what: str) -> tuple[int, Any]:
    return 404, {"error": {"message": f"no such {what}"}}
