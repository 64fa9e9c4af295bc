import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A praktijkopleider opens the Internships app, opens an application from
// the kanban board, places it (PO-2) and sees the state change. The steps
// do not depend on the user's language: the kanban columns follow the order
// of the states (draft, application, placed, ...), the statusbar and the
// buttons carry the technical values.
registry.category("web_tour.tours").add("samenwijs_internship_place_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Internships app",
            trigger: '.o_app[data-menu-xmlid="samenwijs_stage.samenwijs_stage_menu_root"]',
            run: "click",
        },
        {
            content: "The application waits in its kanban column",
            trigger:
                ".o_kanban_group:eq(1) .o_kanban_record:contains('Tessa Tour')",
        },
        {
            content: "Open the application",
            trigger: ".o_kanban_record:contains('Tessa Tour')",
            run: "click",
        },
        {
            content: "The form shows the application state",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='application']",
        },
        {
            content: "Place the intern",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_place']",
            run: "click",
        },
        {
            content: "The internship is placed",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='placed']",
        },
        {
            content: "Starting is the next step; placing is no longer offered",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name='action_place'])) button[name='action_start']",
        },
        {
            content: "Back to the kanban board",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button a",
            run: "click",
        },
        {
            content: "The card moved to the Placed column",
            trigger:
                ".o_kanban_group:eq(2) .o_kanban_record:contains('Tessa Tour')",
        },
    ],
});
