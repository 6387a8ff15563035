from django.utils import timezone

from danvan.programs import services
from danvan.programs.models import Adoption, AdoptionStatus

# Obligations are owed from the day a program reaches an org: work in a year still ahead.
Y = timezone.localdate().year + 1


def cascade_and_adopt(program, world, **choices):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, world.cell1, world.cell2])
    adoption = Adoption.objects.get(program=program, org=world.cell1)
    assert adoption.status == AdoptionStatus.SENT
    return services.adoption_adopt(actor=world.secretary, adoption=adoption, choices=choices, year=Y)
