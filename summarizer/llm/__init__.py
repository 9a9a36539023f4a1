"""The one seam to the model. Nothing outside this package imports openai, instructor or
tenacity, or sends a request to a model server.

    base.py       what the stages see: StructuredModel, Reply, Pending, the CallStore protocol
    client.py     LLM: structured calls through instructor, the output mode, the run store
    request.py    what is sent: a Call, its messages made template-safe, the schema forms, its key
    reply.py      what came back: the attempts of one call, a stored answer made a Reply again
    transport.py  which transport failures are retried, how long to wait, the retry loop
    endpoint.py   a base URL's credentials (user:password@, ?api-key=) sent apart from the URL
    limit.py      how many requests may be in flight: lowered on 429, raised again on success
    batch.py      OpenAI's Batch API: write the JSONL, upload, poll, download, match by custom_id
    backends.py   which backend a run uses and why: a server, OpenAI, or the embedded model
    local.py      the embedded model: assembled from its packages, served by llama-cpp-python
    prices.py     what a call costs, by a versioned price table
"""

import logging as _logging

from summarizer.llm.base import Pending, Reply, StructuredModel
from summarizer.llm.client import LLM

# instructor logs every exhausted re-ask at ERROR, tracebacks and all; with no handler in its
# logger's hierarchy Python's last-resort handler would print those blocks to a plain script's
# stderr. A handler that does nothing keeps the library quiet; an application that configures
# logging (the CLI's --verbose) still receives them through the root logger.
_logging.getLogger("instructor").addHandler(_logging.NullHandler())

__all__ = ["LLM", "Pending", "Reply", "StructuredModel"]
