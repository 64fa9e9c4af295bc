def migrate(cr, version):
    """The intern's payroll contract moves from the internship to payroll's
    allowance record (PO-9)."""
    if not version:
        return
    # samenwijs_stage's own migration made the allowance records first.
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'samenwijs_internship'
           AND column_name = 'payroll_version_id'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        UPDATE samenwijs_allowance allowance
           SET payroll_version_id = internship.payroll_version_id
          FROM samenwijs_internship internship
         WHERE allowance.internship_id = internship.id
           AND allowance.payroll_version_id IS NULL
           AND internship.payroll_version_id IS NOT NULL
        """
    )
