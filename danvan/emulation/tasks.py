import logging

from django_tasks import task

from danvan.emulation.certificate import certificate_pdf
from danvan.emulation.models import Nomination, NominationStatus
from danvan.reports.render import RenderError

logger = logging.getLogger(__name__)


@task()
def make_certificates(campaign_id: int) -> None:
    """The certificates of a campaign's commended nominations, made by the worker after the
    decision so that nobody waits for LibreOffice when opening one. One that fails here is made
    when it is first opened (its page says why if it fails again)."""
    commended = Nomination.objects.filter(campaign_id=campaign_id, status=NominationStatus.COMMENDED, certificate="")
    for nomination in commended.select_related("campaign", "campaign__org", "campaign__decision", "practice", "person", "org"):
        try:
            certificate_pdf(nomination)
        except RenderError as exc:
            logger.warning("certificate of nomination %s not made: %s", nomination.pk, exc)
