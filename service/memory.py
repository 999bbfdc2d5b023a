"""A worker's memory: its resident size (with its own pages and its peak, to measure), and giving freed heap
pages back to the system.

glibc keeps the arenas a long article grew (a worker stayed near 1.3 GB after one); malloc_trim
returns the free part. Elsewhere (musl, macOS) trimming is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _load_malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _load_malloc_trim()


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size in MB, from /proc (0 where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """A process's memory in MiB from /proc/PID/smaps_rollup and status: ``rss``; ``uss``, the pages no other
    process shares (what one more worker adds; RSS also counts the libraries every worker maps);
    ``peak``, the largest RSS so far (VmHWM). Empty where there is no /proc."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup, open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in [*rollup.readlines()[1:], *status.readlines()] if ":" in line)
    except OSError:
        return {}
    kib = {name: int(value.split()[0]) for name, value in fields.items() if value.strip().endswith("kB")}
    return {
        "rss": kib["Rss"] / 1024,
        "uss": (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024,
        "peak": kib["VmHWM"] / 1024,
    }


def trim_heap() -> bool:
    """Return free heap memory to the system; True when something was returned."""
    return bool(_MALLOC_TRIM and _MALLOC_TRIM(0))
