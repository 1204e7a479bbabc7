# Khmer: as the one-window offices publish fees (600,000 ៛): the same formats as Lao.
from portal.core.formats.lo.formats import *  # noqa: F403
