from . import (
    test_access,
    test_dutch,
    test_groups,
    test_internship,
    test_smoke_common,
    test_ui,
    test_werkbegeleider,
)
