"""The one seam to the model. Nothing outside this package imports openai, instructor or
tenacity, or sends a request to a model server.

    client.py     LLM: structured calls through instructor, the output mode, the run store
    transport.py  which transport failures are retried, how long to wait, how to say what failed
    limit.py      how many requests may be in flight: lowered on 429, raised again on success
    batch.py      OpenAI's Batch API: write the JSONL, upload, poll, download, match by custom_id
"""

from summarizer.llm.client import LLM, Reply

__all__ = ["LLM", "Reply"]
