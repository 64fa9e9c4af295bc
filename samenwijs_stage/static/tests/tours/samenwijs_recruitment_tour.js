import { formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const { DateTime } = luxon;

// RS-1, RS-3, PO-2 in a real browser: the location manager sets the places
// of the next school year, the praktijkopleider records an application with
// CV and motivation letter and plans the interview, the manager consents to
// placing, and the praktijkopleider places the candidate. One tour per role
// and step, run in sequence by test_ui.TestRecruitmentTour, each as its own
// user. The steps rely on technical names and the names of the records, not
// on the user's language.
const CANDIDATE = "Noor Tour";

/** The school year that starts on the coming 1 August, e.g. "2027-2028". */
function nextSchoolYear() {
    const today = DateTime.local();
    const first = today.month >= 8 ? today.year + 1 : today.year;
    return `${first}-${first + 1}`;
}

/** A step that gives a small file to the hidden input of a binary field. */
function uploadFile(fieldName, fileName, content) {
    return {
        content: `Upload ${fileName}`,
        trigger: `.o_form_view div[name='${fieldName}'] input[type='file']:not(:visible)`,
        async run() {
            const file = new File([content], fileName, { type: "application/pdf" });
            const dataTransfer = new DataTransfer();
            dataTransfer.items.add(file);
            this.anchor.files = dataTransfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Open the Internships app and the candidate's internship from the board. */
function openCandidate({ allStates = false } = {}) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Internships app",
            trigger: '.o_app[data-menu-xmlid="samenwijs_stage.samenwijs_stage_menu_root"]',
            run: "click",
        },
        {
            content: "The internships open as a board",
            trigger: ".o_kanban_view .o_kanban_record",
        },
        ...(allStates
            ? [
                  {
                      content: "Show the drafts too: remove the default filter",
                      trigger: ".o_searchview .o_searchview_facet .o_facet_remove",
                      run: "click",
                  },
                  {
                      content: "No filter is left",
                      trigger: ".o_searchview:not(:has(.o_searchview_facet))",
                  },
              ]
            : []),
        {
            content: "Open the candidate's internship",
            trigger: `.o_kanban_record:contains('${CANDIDATE}')`,
            run: "click",
        },
        {
            content: "The form of the candidate's internship",
            trigger: [
                `.o_form_view div[name='employee_id'] input:value(${CANDIDATE})`,
                `.o_form_view div[name='employee_id']:contains('${CANDIDATE}')`,
            ].join(", "),
        },
    ];
}

// a. The location manager sets the places of the next school year (RS-1).
registry.category("web_tour.tours").add("samenwijs_recruitment_places_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Internships app",
            trigger: '.o_app[data-menu-xmlid="samenwijs_stage.samenwijs_stage_menu_root"]',
            run: "click",
        },
        {
            content: "Open the places",
            trigger:
                '.o_main_navbar [data-menu-xmlid="samenwijs_stage.samenwijs_internship_capacity_menu"]',
            run: "click",
        },
        {
            content: "The places open as a list",
            trigger: ".o_list_view",
        },
        {
            content: "Add a row",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The school year that starts on the coming 1 August",
            trigger: ".o_data_row.o_selected_row td[name='school_year'] input",
            run: `edit ${nextSchoolYear()}`,
        },
        {
            content: "The manager's location",
            trigger: ".o_data_row.o_selected_row td[name='department_id'] input",
            run: "edit De Linde",
        },
        {
            content: "Choose it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('De Linde')",
            run: "click",
        },
        {
            content: "The internship type",
            trigger: ".o_data_row.o_selected_row td[name='internship_type_id'] input",
            run: "edit BOL PW3",
        },
        {
            content: "Choose it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('BOL PW3')",
            run: "click",
        },
        {
            content: "Two places",
            trigger: ".o_data_row.o_selected_row td[name='places'] input",
            run: "edit 2",
        },
        {
            content: "Save the row",
            trigger: ".o_control_panel .o_list_button_save",
            run: "click",
        },
        {
            content: "The row is saved with two open places",
            trigger: `.o_data_row:not(.o_selected_row):contains('${nextSchoolYear()}'):contains('De Linde'):has(td[name='places']:contains('2')):has(td[name='open_places']:contains('2'))`,
        },
    ],
});

// b. The praktijkopleider records the application with CV and motivation
// letter, registers it and plans the interview (RS-3).
registry.category("web_tour.tours").add("samenwijs_recruitment_application_tour", {
    url: "/odoo",
    steps: () => {
        const interview = DateTime.local()
            .plus({ days: 7 })
            .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
        return [
            ...openCandidate({ allStates: true }),
            {
                content: "The internship is a draft",
                trigger:
                    ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='draft']",
            },
            {
                content: "Open the Application page",
                trigger: ".o_form_view .o_notebook a.nav-link[name='application']",
                run: "click",
            },
            uploadFile("cv_file", "cv_noor.pdf", "%PDF-1.4 CV of Noor Tour"),
            {
                content: "The CV is there",
                trigger: ".o_form_view div[name='cv_file'] input.o_input:value(cv_noor.pdf)",
            },
            uploadFile(
                "motivation_letter_file",
                "letter_noor.pdf",
                "%PDF-1.4 Motivation letter of Noor Tour"
            ),
            {
                content: "The motivation letter is there",
                trigger:
                    ".o_form_view div[name='motivation_letter_file'] input.o_input:value(letter_noor.pdf)",
            },
            {
                content: "Where the vacancy was advertised",
                trigger: ".o_form_view div[name='vacancy_advertised'] input",
                run: "edit The school's internship site",
            },
            {
                content: "Register the application (saves the documents first)",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_apply']",
                run: "click",
            },
            {
                content: "The internship is an application",
                trigger:
                    ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='application']",
            },
            {
                content: "The location manager's consent is asked (PO-2)",
                trigger:
                    ".o_form_view .alert-warning:has(div[name='to_validate_message']):not(:has(button[name='validate_tier']))",
            },
            {
                content: "Meanwhile the praktijkopleider plans the interview",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_plan_interview']",
                run: "click",
            },
            {
                content: "The interview planner opens without a problem",
                trigger: ".modal .o_form_view:not(:has(.alert-danger))",
            },
            {
                content: "The date and time of the interview",
                trigger: ".modal div[name='date'] input",
                run: `edit ${formatDateTime(interview)}`,
            },
            {
                content: "What to bring",
                trigger: ".modal div[name='note'] textarea",
                run: "edit Bring your school's internship agreement.",
            },
            {
                content: "Plan it",
                trigger: ".modal .modal-footer button[name='action_plan']",
                run: "click",
            },
            {
                content: "The planner is closed",
                trigger: "body:not(:has(.modal))",
            },
            {
                content: "The form shows the interview date",
                trigger: ".o_form_view div[name='interview_date']",
            },
        ];
    },
});

// c. The location manager consents to placing, with a comment (PO-2).
registry.category("web_tour.tours").add("samenwijs_recruitment_consent_tour", {
    url: "/odoo",
    steps: () => [
        ...openCandidate(),
        {
            content: "The banner asks the manager's consent",
            trigger: ".o_form_view .alert-warning button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal div[name='comment'] input",
            run: "edit Fine with me: we have a place on the toddler group.",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal .modal-footer button[name='add_comment']",
            run: "click",
        },
        {
            content: "The approval is given: the banner has gone",
            trigger:
                ".o_form_view:not(:has(button[name='validate_tier'])):not(:has(div[name='to_validate_message']))",
        },
        {
            content: "The chatter says who approved, with the comment",
            trigger: ".o-mail-Message:contains('we have a place on the toddler group')",
        },
    ],
});

// d. The praktijkopleider places the candidate (PO-2).
registry.category("web_tour.tours").add("samenwijs_recruitment_place_tour", {
    url: "/odoo",
    steps: () => [
        ...openCandidate(),
        {
            content: "Place the candidate",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_place']",
            run: "click",
        },
        {
            content: "The internship is placed",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='placed']",
        },
    ],
});
