from . import (
    test_access,
    test_allowance,
    test_department,
    test_dutch,
    test_groups,
    test_internship,
    test_intervision,
    test_smoke_common,
    test_termination,
    test_ui,
    test_views,
    test_werkbegeleider,
)
