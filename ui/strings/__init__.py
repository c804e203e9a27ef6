"""Every piece of text the desktop app shows, in one place to review (and later translate).

One module per area of the app; every name is re-exported here, so screens write ``from ui import strings``
and ``strings.NAME``. British English; dates dd/mm/yyyy; 24-hour times; the words DSLs use (DOMAIN.md
"Words"). tests/ui/test_strings_in_one_place.py checks that no two areas define the same name and that no
window, dialog or widget passes literal text to Qt.
"""

from ui.strings.about import *
from ui.strings.attachments import *
from ui.strings.backups import *
from ui.strings.caseload import *
from ui.strings.child_record import *
from ui.strings.chronology import *
from ui.strings.common import *
from ui.strings.concerns import *
from ui.strings.court_orders import *
from ui.strings.early_help import *
from ui.strings.escalations import *
from ui.strings.exports import *
from ui.strings.family import *
from ui.strings.learning import *
from ui.strings.referrals import *
from ui.strings.roll import *
from ui.strings.settings import *
from ui.strings.setup import *
from ui.strings.sharing import *
from ui.strings.staff import *
from ui.strings.supervision import *
from ui.strings.team import *
from ui.strings.today import *
from ui.strings.unlock import *
from ui.strings.workspace import *
