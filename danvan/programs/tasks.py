from django_tasks import task

from danvan.programs.services import generate_pending


@task()
def generate_obligations(program_id: int, year: int, remake: list[int] | None = None) -> None:
    """The obligations of a program sent to many orgs at once (a province has thousands), or
    re-made after some of its tasks changed (`remake`: their ids)."""
    generate_pending(program_id=program_id, year=year, remake=remake or ())
