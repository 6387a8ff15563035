from django_tasks import task

from danvan.lib import kept


@task()
def remake(function: str, args: list, key: str, seconds: int) -> None:
    """A kept figure made anew before it expires (`danvan.lib.kept.kept_a_while`'s `ahead`)."""
    kept.remake_now(function, args, key, seconds)
