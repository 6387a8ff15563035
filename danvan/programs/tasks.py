from django_tasks import task

from danvan.programs.services import generate_pending


@task()
def generate_obligations(program_id: int, year: int) -> None:
    """The obligations of a program sent to many orgs at once (a province has thousands)."""
    generate_pending(program_id, year)
