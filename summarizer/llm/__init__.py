"""The one seam to the model. Nothing outside this package imports openai, instructor or
tenacity, or sends a request to a model server.

    client.py     LLM: structured calls through instructor, the output mode, the run store
    request.py    what is sent: a Call, its messages made template-safe, the schema forms
    reply.py      what came back: a Reply, the attempts of one call, a stored answer
    transport.py  which transport failures are retried, how long to wait, the retry loop
    limit.py      how many requests may be in flight: lowered on 429, raised again on success
    batch.py      OpenAI's Batch API: write the JSONL, upload, poll, download, match by custom_id
"""

from summarizer.llm.client import LLM
from summarizer.llm.reply import Reply

__all__ = ["LLM", "Reply"]
