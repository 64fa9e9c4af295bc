from . import test_groups
from . import test_smoke_common
from . import test_werkbegeleider
from . import test_internship
