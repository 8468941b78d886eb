"""Where Django finds the app's models; each is defined in its feature's package.

Migrations import `avatar_path`, `private_file_path` and `synthesis_path` from here: they stay importable."""

from .accounts.models import DABM, Counsellor, User, avatar_path
from .agenda.models import Appointment, CalendarFeed
from .alerts.models import Reminder
from .attestations.models import Attestation
from .daily.models import DailyRun
from .dossiers.models import Comment, Dossier, PhaseResponse, SynthesisNote
from .files.models import PrivateFile, private_file_path
from .followup.models import FollowUp
from .journal.models import AuditEvent
from .orientation.models import DismissedSuggestion
from .portal_settings import PortalSettings
from .satisfaction.models import SatisfactionResponse
from .synthesis.models import SharingConsent, Synthesis, SynthesisVersion, synthesis_path

__all__ = [
    "DABM",
    "Appointment",
    "Attestation",
    "AuditEvent",
    "CalendarFeed",
    "Comment",
    "Counsellor",
    "DailyRun",
    "DismissedSuggestion",
    "Dossier",
    "FollowUp",
    "PhaseResponse",
    "PortalSettings",
    "PrivateFile",
    "Reminder",
    "SatisfactionResponse",
    "SharingConsent",
    "Synthesis",
    "SynthesisNote",
    "SynthesisVersion",
    "User",
    "avatar_path",
    "private_file_path",
    "synthesis_path",
]
