import pytest

from app import jobs


def test_unknown_target_is_rejected():
    with pytest.raises(jobs.JobError):
        jobs.convert("https://example.com/a.md", "exe", "A")
