import { registry } from "@web/core/registry";

// WB-P4 at a desk: the werkbegeleider opens "Hours to sign", opens the
// intern's week, selects all its lines and signs them with one click.
registry.category("web_tour.tours").add("samenwijs_hours_sign_tour", {
    url: "/odoo/action-samenwijs_stage.samenwijs_internship_hour_action_to_sign",
    steps: () => [
        {
            content: "The intern's submitted hours wait, grouped by intern",
            trigger: ".o_list_view .o_group_header:contains('Tessa Tour')",
            run: "click",
        },
        {
            content: "Open the week",
            trigger: ".o_list_view .o_group_header:eq(1)",
            run: "click",
        },
        {
            content: "The lines of the week",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Select all lines",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Sign them",
            trigger: ".o_control_panel button[name='action_approve']",
            run: "click",
        },
        {
            content: "Nothing is left to sign",
            trigger: ".o_list_view:not(:has(.o_data_row)), .o_view_nocontent",
        },
    ],
});
