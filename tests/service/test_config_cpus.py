"""Workers default to the CPUs a container may use (its cgroup quota and affinity), not the host's count."""

import os

import pytest

from service.config import available_cpus, server_settings_from_environ

AFFINITY = len(os.sched_getaffinity(0))


def cgroup(tmp_path, v2=None, v1=None):
    if v2 is not None:
        (tmp_path / "cpu.max").write_text(v2 + "\n")
    if v1 is not None:
        (tmp_path / "cpu").mkdir()
        (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(f"{v1[0]}\n")
        (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(f"{v1[1]}\n")
    return tmp_path


@pytest.mark.parametrize(
    "v2, v1, want",
    [
        ("100000 100000", None, 1),  # cgroup v2: one CPU
        ("50000 100000", None, 1),  # half a CPU still runs one worker
        (None, (100000, 100000), 1),  # cgroup v1
        ("max 100000", None, AFFINITY),  # no limit
        (None, (-1, 100000), AFFINITY),
        (None, None, AFFINITY),  # not in a cgroup we can read
        ("garbage", None, AFFINITY),
    ],
)
def test_the_cpu_quota_caps_the_affinity(tmp_path, v2, v1, want):
    assert available_cpus(cgroup(tmp_path, v2, v1)) == min(want, AFFINITY)


def test_a_quota_above_the_affinity_leaves_the_affinity(tmp_path):
    assert available_cpus(cgroup(tmp_path, v2=f"{(AFFINITY + 8) * 100000} 100000")) == AFFINITY


def test_the_default_workers_are_the_available_cpus():
    settings = server_settings_from_environ({})
    assert settings.workers == available_cpus()
    assert settings.workers * settings.torch_threads <= available_cpus()
