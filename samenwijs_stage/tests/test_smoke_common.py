from odoo.tests import tagged

from .common import SamenwijsCase


@tagged("post_install", "-at_install")
class TestOrganisation(SamenwijsCase):
    def test_po1_locations_inherit_the_region_praktijkopleider(self):
        """PO-1: the region's praktijkopleider is responsible for its locations."""
        self.assertEqual(self.linde.praktijkopleider_id, self.emp_po)
        self.assertEqual(self.anker.praktijkopleider_id, self.emp_po2)
        self.assertEqual(self.linde.region_id, self.region)
        self.assertEqual(self.internship.praktijkopleider_id, self.emp_po)
        self.assertEqual(self.internship2.praktijkopleider_id, self.emp_po2)
        self.assertTrue(
            self.emp_wb.werkbegeleider_eligible,
            self.emp_wb.werkbegeleider_unmet_reasons,
        )
