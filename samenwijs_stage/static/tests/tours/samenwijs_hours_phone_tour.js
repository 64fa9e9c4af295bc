import { registry } from "@web/core/registry";

// HR-1 on a phone: the intern opens "My hours", copies this week's roster,
// corrects one day and submits the week to the werkbegeleider. The steps
// rely on technical names only, not on the user's language.
registry.category("web_tour.tours").add("samenwijs_hours_phone_tour", {
    url: "/odoo/action-samenwijs_stage.samenwijs_internship_hour_action_mine",
    steps: () => [
        {
            content: "My hours opens as cards on a phone",
            trigger: ".o_kanban_view",
        },
        {
            content: "Open the buttons of the list",
            trigger: ".o_control_panel button.o-control-panel-adaptive-dropdown",
            run: "click",
        },
        {
            content: "Copy this week's roster",
            trigger: ".o-control-panel-adaptive-dropdown button[name='action_copy_roster']",
            run: "click",
        },
        {
            content: "The planned days of this week appear",
            trigger: ".o_kanban_record:not(.o_kanban_ghost)",
        },
        {
            content: "Open the first day",
            trigger: ".o_kanban_record:not(.o_kanban_ghost):first",
            run: "click",
        },
        {
            content: "Correct the end time",
            trigger: ".o_form_view div[name='time_end'] input",
            run: "edit 12:00",
        },
        {
            content: "Leave the field",
            trigger: ".o_form_view div[name='break_hours'] input",
            run: "click",
        },
        {
            content: "Save the day",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the week",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The corrected day is on its card",
            trigger: ".o_kanban_record:contains('12:00')",
        },
        {
            content: "Open the buttons of the list",
            trigger: ".o_control_panel button.o-control-panel-adaptive-dropdown",
            run: "click",
        },
        {
            content: "Submit the week",
            trigger: ".o-control-panel-adaptive-dropdown button[name='action_submit_mine']",
            run: "click",
        },
        {
            content: "The werkbegeleider has it",
            trigger: ".o_notification .o_notification_content",
        },
    ],
});
