from django_tasks import task

from danvan.orgs import counts


@task()
def count_subtree(org_id: int, name: str) -> None:
    """A wide subtree's count (`danvan.orgs.counts`), made in the background and kept with its time."""
    counts.count_now(org_id, name)
